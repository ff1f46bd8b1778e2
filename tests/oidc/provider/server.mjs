// SPDX-License-Identifier: EUPL-1.2
// A real, certified OpenID Connect provider (the npm package oidc-provider) for Casusregie's
// SSO tests. Never deployed. Usage: node server.mjs <port> <redirect_uri> <post_logout_uri>
// devInteractions: any login name becomes the `sub` ("mfa-…": with amr otp). /tampered/token forwards to the real
// token endpoint and changes the ID token's payload without re-signing it.
import http from 'node:http';
import Provider from 'oidc-provider';

const [port, redirectUri, postLogoutUri] = process.argv.slice(2);
const issuer = `http://127.0.0.1:${port}`;

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: 'casusregie',
      client_secret: 'casusregie-test-secret',
      redirect_uris: [redirectUri],
      post_logout_redirect_uris: [postLogoutUri],
      grant_types: ['authorization_code'],
      response_types: ['code'],
    },
  ],
  async findAccount(ctx, sub) {
    return {
      accountId: sub,
      async claims() {
        return { sub, name: `Fictieve ${sub}`, email: `${sub}@example.invalid`, casusregie_role: 'partner' };
      },
    };
  },
  claims: {
    acr: null, amr: null, auth_time: null, sid: null, iss: null,
    openid: ['sub'], profile: ['name', 'casusregie_role'], email: ['email'],
  },
  acrValues: ['urn:casusregie:test:mfa'],
  features: {
    devInteractions: { enabled: true },
    rpInitiatedLogout: { enabled: true },
    claimsParameter: { enabled: true },
  },
  pkce: { required: () => false },
  cookies: { keys: ['only-for-tests'] },
});
provider.proxy = false;

// Login names starting with "mfa-" log in "with a second factor": the session gets
// amr ["pwd", "otp"] and an acr, as a provider with its own MFA would report.
const finished = provider.interactionFinished.bind(provider);
provider.interactionFinished = async (req, res, result, options) => {
  if (result.login && String(result.login.accountId).startsWith('mfa-')) {
    result.login.amr = ['pwd', 'otp'];
    result.login.acr = 'urn:casusregie:test:mfa';
  }
  return finished(req, res, result, options);
};

const callback = provider.callback();

function tamper(idToken) {
  const [header, payload, signature] = idToken.split('.');
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
  claims.sub = 'someone-else';
  return [header, Buffer.from(JSON.stringify(claims)).toString('base64url'), signature].join('.');
}

const server = http.createServer(async (req, res) => {
  if (req.url === '/tampered/token') {
    const chunks = [];
    for await (const chunk of req) chunks.push(chunk);
    const upstream = await fetch(`${issuer}/token`, {
      method: 'POST',
      headers: { 'content-type': req.headers['content-type'], authorization: req.headers.authorization ?? '' },
      body: Buffer.concat(chunks),
    });
    const body = await upstream.json();
    if (body.id_token) body.id_token = tamper(body.id_token);
    res.writeHead(upstream.status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
    return;
  }
  callback(req, res);
});
server.listen(Number(port), '127.0.0.1', () => {
  console.log(`listening ${issuer}`);
});
