"""``items_changed(body_id=…)``: something shown on a body's public pages changed in the registry beyond a
plain item save (attachments, an edition published). The portal listens (its page cache)."""

from django.dispatch import Signal

items_changed = Signal()
