"""Start the test OpenID Connect provider (provider.mjs, node's oidc-provider) on the loopback,
and sign in or out at it as a person would, following its redirects and filling its forms."""

import json
import re
import subprocess
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urljoin

import httpx

HERE = Path(__file__).resolve().parent
CLIENT_SECRET = "a-test-secret-of-the-guichet-client-0123456789"
IDENTITIES = {
    # As FranceConnect gives them: names, birth date, COG codes of the birth place and country.
    "marie": {"sub": "fc-marie-0001", "given_name": "Marie Louise", "family_name": "Dupont",
              "birthdate": "1984-03-12", "birthplace": "75107", "birthcountry": "99100",
              "gender": "female", "email": "marie.dupont@example.org", "email_verified": True},
    "claire": {"sub": "fc-claire-0002", "given_name": "Claire", "family_name": "Martin",
               "birthdate": "1990-07-01", "birthplace": "69123", "birthcountry": "99100",
               "gender": "female", "email": "claire.martin@example.org", "email_verified": True},
    "agent": {"sub": "pc-agent-0003", "given_name": "Paul", "usual_name": "Agent",
              "email": "paul.agent@mairie.example.org", "email_verified": True,
              "siret": "21750001600019"},
}


def install():
    if not (HERE / "node_modules" / "oidc-provider").exists():
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--silent"], cwd=HERE, check=True)


def client(client_id, base_url, slug):
    return {
        "client_id": client_id, "client_secret": CLIENT_SECRET,
        "redirect_uris": [f"{base_url}/compte/connexion/{slug}/retour/"],
        "post_logout_redirect_uris": [f"{base_url}/compte/deconnexion/{slug}/fin/"],
        "token_endpoint_auth_method": "client_secret_post",
        "id_token_signed_response_alg": "RS256", "userinfo_signed_response_alg": "RS256",
    }


@contextmanager
def running_provider(base_url):
    """Yield the issuer URL of a provider whose clients `franceconnect` and `proconnect` send
    people back to `base_url`."""
    install()
    config = {"clients": [client("franceconnect", base_url, "franceconnect"),
                          client("proconnect", base_url, "proconnect")],
              "accounts": IDENTITIES}
    process = subprocess.Popen(
        ["node", str(HERE / "provider.mjs")], env={"GUICHET_OIDC_CONFIG": json.dumps(config),
                                                  "PATH": "/usr/bin:/bin:/usr/local/bin"},
        stdout=subprocess.PIPE, text=True,  # its stderr goes to the test output
    )
    try:
        line = process.stdout.readline()
        assert line.startswith("issuer "), f"the provider did not start: {line!r}"
        yield line.split()[1]
    finally:
        process.terminate()
        process.wait(timeout=10)


def _form(page):
    """(action, fields) of the page's form, with its hidden inputs."""
    action = re.search(r'<form[^>]*action="([^"]+)"', page.text).group(1)
    hidden = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', page.text))
    return urljoin(str(page.url), action.replace("&amp;", "&")), hidden


def follow_until(browser, response, back_to):
    """Follow the provider's redirects and submit its forms until it sends the browser back
    to `back_to`; return that URL."""
    for _ in range(20):
        if response.is_redirect:
            location = urljoin(str(response.url), response.headers["location"])
            if location.startswith(back_to):
                return location
            response = browser.get(location)
            continue
        action, fields = _form(response)
        if 'name="login"' in response.text:
            fields.update(login=IDENTITIES[browser.login]["sub"], password="any password")
        if 'name="logout"' in response.text:
            fields["logout"] = "yes"
        response = browser.post(action, data=fields)
    raise AssertionError("the provider never sent the browser back")


class ProviderBrowser(httpx.Client):
    """The person's browser at the provider (its own cookies: the provider's session)."""

    def __init__(self, login):
        super().__init__(follow_redirects=False, timeout=10)
        self.login = login
