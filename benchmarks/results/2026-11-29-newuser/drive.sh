#!/bin/bash
# usage: drive.sh BASE  -> 800 /orders/{id}, 100 /boom (500), 100 /hello
BASE=$1
{ for i in $(seq 1 800); do echo "$BASE/orders/$((RANDOM%500+1))"; done; for i in $(seq 1 100); do echo "$BASE/boom"; echo "$BASE/hello"; done; } | shuf | xargs -P4 -I{} curl -s -o /dev/null -w '%{http_code}\n' {} | sort | uniq -c
