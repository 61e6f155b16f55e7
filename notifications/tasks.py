from celery import shared_task

from notifications.services import due_notification_ids, notification_send


@shared_task(acks_late=True, ignore_result=True)
def send_notification(notification_id: int) -> None:
    notification_send(notification_id=notification_id)


@shared_task(ignore_result=True)
def send_due_notifications() -> int:
    """Beat, every minute: whatever is pending and due — a lost message or a server that was down."""
    ids = due_notification_ids()
    for notification_id in ids:
        send_notification.delay(notification_id)
    return len(ids)
