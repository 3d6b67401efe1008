from django import template

from ..models import Channel, Notification

register = template.Library()


@register.simple_tag
def unread_notifications(user):
    """How many in-app notifications `user` has not seen (for the header)."""
    if not user.is_authenticated:
        return 0
    return Notification.objects.filter(recipient=user, channel=Channel.IN_APP,
                                       read_at__isnull=True).count()
