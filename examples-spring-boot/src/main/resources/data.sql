INSERT INTO product (id, name, price) VALUES (1, 'kettle', 39.90), (2, 'teapot', 24.50), (3, 'mug', 7.20);
