"""
Uploaded images: validation before anything is stored, and the responsive
renditions every page serves (made once, when the image changes).
"""

import contextlib
import hashlib
import io
import warnings
from pathlib import PurePosixPath

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_IMAGE_BYTES = 10 * 1024 * 1024
MAX_IMAGE_PIXELS = 40_000_000
ACCEPTED_FORMATS = {"JPEG", "PNG", "WEBP", "GIF"}
RENDITION_WIDTHS = (480, 800, 1200, 1600)
SOCIAL_SIZE = (1200, 630)


def validate_image_upload(upload) -> None:
    """Refuse anything that is not a real, fully decodable image within our limits."""
    if upload is None:
        return
    size = getattr(upload, "size", None)
    if size is not None and size > MAX_IMAGE_BYTES:
        raise ValidationError(
            _("The image is %(size)s MB; the limit is 10 MB."),
            code="image_too_large",
            params={"size": f"{size / 1024 / 1024:.1f}"},
        )
    try:
        upload.seek(0)
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(upload) as image:
                if image.format not in ACCEPTED_FORMATS:
                    raise ValidationError(
                        _("Upload a JPEG, PNG, WebP or GIF image."), code="image_format"
                    )
                width, height = image.size
                if width * height > MAX_IMAGE_PIXELS:
                    raise ValidationError(
                        _(
                            "The image is %(width)s × %(height)s pixels; "
                            "the limit is 40 megapixels."
                        ),
                        code="image_too_many_pixels",
                        params={"width": width, "height": height},
                    )
                image.load()  # decode every pixel: truncated or corrupt files fail here
    except ValidationError:
        raise
    except (UnidentifiedImageError, Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ValidationError(
            _("The file is not an image we can read. Upload a JPEG, PNG, WebP or GIF image."),
            code="image_invalid",
        ) from None
    except (OSError, SyntaxError, ValueError, MemoryError):
        raise ValidationError(
            _("The image file is damaged or incomplete."), code="image_invalid"
        ) from None
    finally:
        with contextlib.suppress(AttributeError, ValueError, OSError):
            upload.seek(0)


def _encode(image: Image.Image, fmt: str) -> bytes:
    buffer = io.BytesIO()
    if fmt == "WEBP":
        image.save(buffer, "WEBP", quality=78, method=4)
    else:
        image.save(buffer, "JPEG", quality=82, optimize=True, progressive=True)
    return buffer.getvalue()


def make_renditions(field_file, folder: str) -> dict:
    """
    Write WebP and JPEG copies of an image at several widths (never wider than the
    original) plus a 1200 × 630 social-card crop, and describe them.
    """
    field_file.open("rb")
    try:
        data = field_file.read()
    finally:
        field_file.close()
    digest = hashlib.sha256(data).hexdigest()[:16]
    stem = PurePosixPath(field_file.name).stem[:40] or "image"
    base = f"renditions/{folder}/{digest}"

    with Image.open(io.BytesIO(data)) as original:
        image = ImageOps.exif_transpose(original)
        image = image.convert("RGB")
    width, height = image.size
    widths = [w for w in RENDITION_WIDTHS if w < width] + [min(width, RENDITION_WIDTHS[-1])]
    sources = []
    for target in sorted(set(widths)):
        target_height = round(height * target / width)
        resized = image.resize((target, target_height), Image.Resampling.LANCZOS)
        names = {}
        for fmt, ext in (("WEBP", "webp"), ("JPEG", "jpg")):
            name = f"{base}/{stem}-{target}.{ext}"
            if not default_storage.exists(name):
                name = default_storage.save(name, ContentFile(_encode(resized, fmt)))
            names[ext] = name
        sources.append(
            {"width": target, "height": target_height, "webp": names["webp"], "jpeg": names["jpg"]}
        )
    social = ImageOps.fit(image, SOCIAL_SIZE, Image.Resampling.LANCZOS)
    social_name = f"{base}/{stem}-social.jpg"
    if not default_storage.exists(social_name):
        social_name = default_storage.save(social_name, ContentFile(_encode(social, "JPEG")))
    return {
        "width": width,
        "height": height,
        "sources": sources,
        "social": {"width": SOCIAL_SIZE[0], "height": SOCIAL_SIZE[1], "jpeg": social_name},
    }
