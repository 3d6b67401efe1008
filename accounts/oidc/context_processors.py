from . import providers


def sign_in_providers(request):
    """The configured providers, for the sign-in buttons of the log-in pages."""
    return {"sign_in_providers": providers.enabled()}
