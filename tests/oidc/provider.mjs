// A real OpenID Connect provider on the loopback for Guichet's tests, shaped like
// FranceConnect (identity scopes, signed ID token and signed userinfo, RP-initiated logout)
// and ProConnect. Configuration as JSON in the GUICHET_OIDC_CONFIG environment variable:
//   {"clients": [client metadata…], "accounts": {"login": {claims…}}}
// Prints "issuer <url>" on stdout once it listens on a free port of 127.0.0.1.
import { generateKeyPairSync } from 'node:crypto';
import { createServer } from 'node:http';

import Provider from 'oidc-provider';

const config = JSON.parse(process.env.GUICHET_OIDC_CONFIG);
const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const jwk = { ...privateKey.export({ format: 'jwk' }), kid: 'test-key', use: 'sig', alg: 'RS256' };

const server = createServer();
server.listen(0, '127.0.0.1', () => {
  const issuer = `http://127.0.0.1:${server.address().port}`;
  const provider = new Provider(issuer, {
    clients: config.clients,
    jwks: { keys: [jwk] },
    acrValues: ['eidas1', 'eidas2', 'eidas3'],
    scopes: ['openid', 'email', 'given_name', 'family_name', 'usual_name', 'birthdate',
      'birthplace', 'birthcountry', 'gender', 'preferred_username', 'siret'],
    claims: {
      openid: ['sub'],
      email: ['email', 'email_verified'],
      given_name: ['given_name'],
      family_name: ['family_name'],
      usual_name: ['usual_name'],
      birthdate: ['birthdate'],
      birthplace: ['birthplace'],
      birthcountry: ['birthcountry'],
      gender: ['gender'],
      preferred_username: ['preferred_username'],
      siret: ['siret'],
    },
    features: {
      devInteractions: { enabled: true }, // the provider's own log-in and consent pages
      jwtUserinfo: { enabled: true },
      rpInitiatedLogout: { enabled: true },
    },
    // The login typed on the log-in page is the account's subject.
    async findAccount(ctx, id) {
      const claims = Object.values(config.accounts).find((account) => account.sub === id)
        || { sub: id, email: `${id}@example.org`, email_verified: true };
      return { accountId: id, async claims() { return { ...claims }; } };
    },
    cookies: { keys: ['guichet-test-cookie-key'] },
    ttl: { Session: 3600, Interaction: 600, Grant: 3600, AccessToken: 600, IdToken: 600, AuthorizationCode: 60 },
  });
  provider.on('server_error', (ctx, error) => { console.error(error); });
  server.on('request', provider.callback());
  process.stdout.write(`issuer ${issuer}\n`);
});
