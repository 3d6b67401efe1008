from celery import shared_task


@shared_task(acks_late=True)
def handle_event(event_id):
    """Render the documents and send the notifications a case event calls for (issue #4)."""
