#!/usr/bin/env python3
"""usage: shot.py URL TOKEN OUT.png [hash] -- headless chromium via chromedriver's WebDriver HTTP API."""
import json, sys, time, base64, subprocess, urllib.request, tempfile, os
url, token, out = sys.argv[1], sys.argv[2], sys.argv[3]
frag = sys.argv[4] if len(sys.argv) > 4 else ''
port = 9515 + os.getpid() % 400
drv = subprocess.Popen(['chromedriver', f'--port={port}'], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
base = f'http://127.0.0.1:{port}'
def call(method, path, body=None):
    req = urllib.request.Request(base + path, method=method, data=None if body is None else json.dumps(body).encode(), headers={'Content-Type': 'application/json'})
    with urllib.request.urlopen(req, timeout=60) as r:
        return json.load(r)['value']
try:
    for _ in range(50):
        try: call('GET', '/status'); break
        except Exception: time.sleep(0.1)
    args = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
            '--disable-component-update', '--disable-sync', '--user-data-dir=' + tempfile.mkdtemp(), '--window-size=1400,1000']
    s = call('POST', '/session', {'capabilities': {'alwaysMatch': {'browserName': 'chrome', 'goog:chromeOptions': {'binary': '/usr/bin/chromium', 'args': args}}}})['sessionId']
    p = f'/session/{s}'
    call('POST', p + '/url', {'url': url})
    call('POST', p + '/execute/sync', {'script': "sessionStorage.setItem('telemetry.token', arguments[0])", 'args': [token]})
    call('POST', p + '/url', {'url': url + frag})
    call('POST', p + '/refresh', {})
    time.sleep(6)  # let the page poll and render (screenshot only, not a test)
    logs = call('POST', p + '/execute/sync', {'script': "return document.body.innerText.slice(0, 3000)", 'args': []})
    print(logs)
    open(out, 'wb').write(base64.b64decode(call('GET', p + '/screenshot')))
    call('DELETE', p)
finally:
    drv.terminate()
