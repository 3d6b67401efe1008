"""Sign-in through OpenID Connect providers: FranceConnect (citizens, with their verified
identity) and ProConnect (agents). Built on mozilla-django-oidc."""
