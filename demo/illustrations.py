"""
Abstract hero illustrations for the demo site, drawn with Pillow.

Each picture is seeded by its name, so the same brief always gets the same picture.
Shapes are drawn at twice the size and scaled down, which smooths their edges.
"""

import hashlib
import io
import itertools
import math
import random

from PIL import Image, ImageDraw, ImageFilter, ImageOps

SIZE = (1200, 675)
SCALE = 2

INK = (11, 61, 46)
FOREST = (19, 111, 74)
LEAF = (46, 158, 104)
SPARK = (126, 226, 168)
GOLD = (224, 179, 74)
TEAL = (42, 157, 143)
COPPER = (200, 116, 58)
CREAM = (243, 239, 228)
NAVY = (13, 43, 69)
MIST = (214, 232, 222)


def _rng(seed: str) -> random.Random:
    # Repeatable pictures, not secrets: a seeded PRNG is what we want.
    return random.Random(int(hashlib.sha256(seed.encode()).hexdigest()[:12], 16))  # noqa: S311


def _gradient(size, top, bottom, angle=0) -> Image.Image:
    # Drawn small and scaled up: a smooth ramp loses nothing, and it is much faster.
    width, height = size
    small = (max(2, width // 16), max(2, height // 16))
    ramp = Image.linear_gradient("L").resize((small[0] * 2, small[1] * 2))
    if angle:
        ramp = ramp.rotate(angle, resample=Image.Resampling.BILINEAR, expand=False)
    ramp = ramp.crop(
        (small[0] // 2, small[1] // 2, small[0] // 2 + small[0], small[1] // 2 + small[1])
    )
    ramp = ramp.resize(size, Image.Resampling.BILINEAR)
    return ImageOps.colorize(ramp, top, bottom).convert("RGBA")


def _with_alpha(colour, alpha):
    return (*colour, alpha)


def _curve(start, control, end, steps=80):
    points = []
    for i in range(steps + 1):
        t = i / steps
        x = (1 - t) ** 2 * start[0] + 2 * (1 - t) * t * control[0] + t**2 * end[0]
        y = (1 - t) ** 2 * start[1] + 2 * (1 - t) * t * control[1] + t**2 * end[1]
        points.append((x, y))
    return points


def _dot(draw, centre, radius, fill, outline=None, width=0):
    x, y = centre
    draw.ellipse(
        (x - radius, y - radius, x + radius, y + radius), fill=fill, outline=outline, width=width
    )


def _layer(size):
    layer = Image.new("RGBA", size, (0, 0, 0, 0))
    return layer, ImageDraw.Draw(layer)


def _network(size, rng):
    w, h = size
    image = _gradient(size, INK, (4, 34, 26), angle=30)
    layer, draw = _layer(size)
    left = [(rng.uniform(0.08, 0.36) * w, rng.uniform(0.2, 0.85) * h) for _ in range(14)]
    right = [(rng.uniform(0.62, 0.92) * w, rng.uniform(0.15, 0.8) * h) for _ in range(14)]
    for a in left:
        for b in rng.sample(right, 2):
            control = ((a[0] + b[0]) / 2, min(a[1], b[1]) - rng.uniform(0.15, 0.35) * h)
            draw.line(_curve(a, control, b), fill=_with_alpha(SPARK, 90), width=3 * SCALE)
    for points, colour in ((left, GOLD), (right, SPARK)):
        for a, b in itertools.pairwise(points):
            draw.line([a, b], fill=_with_alpha(colour, 60), width=2 * SCALE)
        for point in points:
            _dot(draw, point, rng.uniform(6, 16) * SCALE, _with_alpha(colour, 230))
    return Image.alpha_composite(image, layer)


def _lattice(size, rng):
    w, h = size
    image = _gradient(size, (6, 40, 30), FOREST, angle=-20)
    layer, draw = _layer(size)
    step = w / 12
    points = [
        (col * step + rng.uniform(-0.3, 0.3) * step, row * step + rng.uniform(-0.3, 0.3) * step)
        for row in range(int(h / step) + 2)
        for col in range(13)
    ]
    for i, a in enumerate(points):
        for b in points[i + 1 : i + 15]:
            if math.dist(a, b) < step * 1.5 and rng.random() < 0.7:
                draw.line([a, b], fill=_with_alpha(GOLD, 110), width=2 * SCALE)
    for point in points:
        _dot(draw, point, rng.choice((5, 7, 10)) * SCALE, _with_alpha(CREAM, 200))
    return Image.alpha_composite(image, layer)


def _ring(size, rng):
    w, h = size
    image = _gradient(size, CREAM, MIST, angle=45)
    layer, draw = _layer(size)
    centre = (w * 0.62, h * 0.5)
    for i in range(9):
        angle = 2 * math.pi * i / 9 + rng.uniform(-0.1, 0.1)
        x = centre[0] + math.cos(angle) * h * 0.26
        y = centre[1] + math.sin(angle) * h * 0.26
        colour = (FOREST, GOLD, TEAL)[i % 3]
        _dot(draw, (x, y), h * 0.2, _with_alpha(colour, 120))
    _dot(draw, centre, h * 0.08, _with_alpha(INK, 230))
    return Image.alpha_composite(image, layer)


def _columns(size, rng, *, steps=False):
    w, h = size
    image = _gradient(size, CREAM, (232, 238, 226))
    layer, draw = _layer(size)
    count = 14
    gap = w / (count * 3 + 1)
    for i in range(count):
        x = gap + i * 3 * gap
        rise = (i + 1) / count if steps else rng.uniform(0.25, 1) * (0.4 + 0.6 * i / count)
        top = h - rise * h * 0.8 - h * 0.08
        colour = GOLD if (not steps and rng.random() < 0.2) else (FOREST if i % 2 else LEAF)
        draw.rounded_rectangle((x, top, x + 2 * gap, h * 0.92), radius=gap * 0.4, fill=colour)
    draw.line([(0, h * 0.92), (w, h * 0.92)], fill=INK, width=4 * SCALE)
    return Image.alpha_composite(image, layer)


def _landscape(size, rng):
    w, h = size
    image = _gradient(size, (250, 240, 214), (206, 230, 214))
    layer, draw = _layer(size)
    sun = (w * rng.uniform(0.6, 0.75), h * 0.36)
    _dot(draw, sun, h * 0.27, _with_alpha(GOLD, 45))
    _dot(draw, sun, h * 0.19, _with_alpha((255, 249, 232), 255))
    for band, colour in enumerate((MIST, SPARK, LEAF, FOREST, INK)):
        base = h * (0.5 + band * 0.1)
        phase = rng.uniform(0, math.tau)
        wave = [
            (x, base + math.sin(x / w * math.tau * (1 + band * 0.3) + phase) * h * 0.05)
            for x in range(0, w + 40, 40)
        ]
        draw.polygon([*wave, (w, h), (0, h)], fill=_with_alpha(colour, 255))
    return Image.alpha_composite(image, layer)


def _waves(size, rng):
    w, h = size
    image = _gradient(size, (7, 52, 56), INK, angle=15)
    layer, draw = _layer(size)
    for i in range(16):
        base = h * (0.15 + i * 0.05)
        amplitude = h * rng.uniform(0.02, 0.07)
        phase = rng.uniform(0, math.tau)
        colour = (TEAL, LEAF, SPARK)[i % 3]
        line = [
            (x, base + math.sin(x / w * math.tau * 1.5 + phase) * amplitude)
            for x in range(0, w + 20, 20)
        ]
        draw.line(line, fill=_with_alpha(colour, 60 + i * 10), width=(2 + i % 3) * SCALE)
    return Image.alpha_composite(image, layer)


def _arcs(size, rng):
    w, h = size
    image = _gradient(size, FOREST, INK, angle=-35)
    layer, draw = _layer(size)
    origin = (w * 0.05, h * 1.05)
    for i in range(12):
        radius = h * (0.2 + i * 0.11)
        box = (origin[0] - radius, origin[1] - radius, origin[0] + radius, origin[1] + radius)
        colour = GOLD if i % 3 else SPARK
        draw.arc(box, 270, 360, fill=_with_alpha(colour, 110 + i * 10), width=(6 + i) * SCALE)
    return Image.alpha_composite(image, layer)


def _crystals(size, rng):
    w, h = size
    image = _gradient(size, (28, 46, 52), (14, 30, 36), angle=20)
    layer, draw = _layer(size)
    for _ in range(26):
        cx, cy = rng.uniform(0.05, 0.95) * w, rng.uniform(0.05, 0.95) * h
        radius = rng.uniform(0.06, 0.2) * h
        sides = rng.choice((3, 4, 5, 6))
        turn = rng.uniform(0, math.tau)
        shape = [
            (
                cx + math.cos(turn + k * math.tau / sides) * radius * rng.uniform(0.6, 1.4),
                cy + math.sin(turn + k * math.tau / sides) * radius * rng.uniform(0.6, 1.4),
            )
            for k in range(sides)
        ]
        colour = rng.choice((COPPER, TEAL, CREAM, COPPER, TEAL))
        draw.polygon(shape, fill=_with_alpha(colour, rng.randint(90, 200)))
    return Image.alpha_composite(image, layer)


def _grid(size, rng):
    w, h = size
    image = _gradient(size, (8, 36, 30), (15, 70, 52), angle=-10)
    layer, draw = _layer(size)
    cell = h / 10
    for row in range(11):
        for col in range(int(w / cell) + 1):
            lit = rng.random() < 0.09
            colour = _with_alpha(GOLD, 230) if lit else _with_alpha(SPARK, 28)
            x, y = col * cell, row * cell
            draw.rounded_rectangle(
                (x + 6 * SCALE, y + 6 * SCALE, x + cell - 6 * SCALE, y + cell - 6 * SCALE),
                radius=6 * SCALE,
                fill=colour,
            )
    centre = (w * 0.7, h * 0.5)
    for i in range(1, 7):
        radius = i * h * 0.09
        box = (centre[0] - radius, centre[1] - radius, centre[0] + radius, centre[1] + radius)
        draw.ellipse(box, outline=_with_alpha(CREAM, 150), width=2 * SCALE)
    return Image.alpha_composite(image, layer)


def _cards(size, rng):
    w, h = size
    image = _gradient(size, (236, 242, 236), (222, 233, 224))
    layer, draw = _layer(size)
    columns, rows = 6, 4
    card_w, card_h = w / (columns + 1), h / (rows + 1.2)
    highlight = (rng.randrange(columns), rng.randrange(rows))
    for col in range(columns):
        for row in range(rows):
            x = card_w * 0.5 + col * card_w * 1.0
            y = card_h * 0.6 + row * card_h * 1.05
            colour = GOLD if (col, row) == highlight else (FOREST, LEAF, TEAL, INK)[(col + row) % 4]
            draw.rounded_rectangle(
                (x + 10 * SCALE, y, x + card_w - 10 * SCALE, y + card_h * 0.85),
                radius=12 * SCALE,
                fill=_with_alpha(colour, 235 if (col, row) == highlight else 170),
            )
            for line in range(3):
                ly = y + card_h * (0.25 + line * 0.18)
                draw.line(
                    [(x + 30 * SCALE, ly), (x + card_w * (0.85 - line * 0.2), ly)],
                    fill=_with_alpha(CREAM, 150),
                    width=5 * SCALE,
                )
    return Image.alpha_composite(image, layer)


def _spiral(size, rng):
    w, h = size
    image = _gradient(size, INK, (5, 28, 22), angle=60)
    layer, draw = _layer(size)
    centre = (w * 0.58, h * 0.5)
    for i in range(900):
        angle = i * 0.137 * math.tau
        radius = math.sqrt(i) * h * 0.016
        x = centre[0] + math.cos(angle) * radius + rng.uniform(-4, 4) * SCALE
        y = centre[1] + math.sin(angle) * radius + rng.uniform(-4, 4) * SCALE
        colour = GOLD if i % 7 else SPARK
        _dot(draw, (x, y), (2 + 5 * (1 - i / 900)) * SCALE, _with_alpha(colour, 220 - i // 6))
    return Image.alpha_composite(image, layer)


def _stack(size, rng):
    w, h = size
    image = _gradient(size, CREAM, MIST, angle=-30)
    layer, draw = _layer(size)
    for i in range(7):
        x = w * (0.18 + i * 0.07)
        y = h * (0.14 + i * 0.05)
        colour = GOLD if i == 6 else (FOREST, TEAL, LEAF)[i % 3]
        draw.rounded_rectangle(
            (x, y, x + w * 0.38, y + h * 0.48),
            radius=18 * SCALE,
            fill=_with_alpha(colour, 150),
            outline=_with_alpha(CREAM, 220),
            width=3 * SCALE,
        )
    return Image.alpha_composite(image, layer)


def _cables(size, rng):
    w, h = size
    image = _gradient(size, NAVY, (6, 50, 40), angle=-25)
    layer, draw = _layer(size)
    for _ in range(11):
        start = (-0.05 * w, rng.uniform(0.1, 0.9) * h)
        end = (1.05 * w, rng.uniform(0.1, 0.9) * h)
        control = (rng.uniform(0.3, 0.7) * w, rng.uniform(-0.2, 1.2) * h)
        colour = rng.choice((SPARK, TEAL, GOLD))
        points = _curve(start, control, end, steps=120)
        draw.line(points, fill=_with_alpha(colour, 60), width=10 * SCALE)
        draw.line(points, fill=_with_alpha(colour, 220), width=2 * SCALE)
        for point in rng.sample(points[10:-10], 2):
            _dot(draw, point, 8 * SCALE, _with_alpha(CREAM, 230))
    glow = layer.filter(ImageFilter.GaussianBlur(6 * SCALE))
    return Image.alpha_composite(Image.alpha_composite(image, glow), layer)


def _diamond(size, rng):
    w, h = size
    image = _gradient(size, (240, 244, 238), (224, 236, 229))
    layer, draw = _layer(size)
    centre, half = (w * 0.6, h * 0.5), h * 0.42
    n = 6
    for row in range(n):
        for col in range(n):
            # Split the diamond into a lattice of small triangles.
            u0, u1 = col / n, (col + 1) / n
            v0, v1 = row / n, (row + 1) / n

            def at(u, v):
                return (centre[0] + (u - v) * half, centre[1] - half + (u + v) * half)

            for triangle in (
                (at(u0, v0), at(u1, v0), at(u0, v1)),
                (at(u1, v0), at(u1, v1), at(u0, v1)),
            ):
                colour = rng.choice((FOREST, TEAL, LEAF, INK, TEAL))
                draw.polygon(triangle, fill=_with_alpha(colour, rng.randint(170, 255)))
    return Image.alpha_composite(image, layer)


def _racks(size, rng):
    w, h = size
    image = _gradient(size, (10, 30, 26), INK)
    layer, draw = _layer(size)
    count = 11
    rack_w = w / (count * 1.4)
    for i in range(count):
        x = rack_w * 0.6 + i * rack_w * 1.4
        draw.rounded_rectangle(
            (x, h * 0.1, x + rack_w, h * 0.9), radius=8 * SCALE, fill=_with_alpha(FOREST, 200)
        )
        for slot in range(18):
            y = h * 0.13 + slot * h * 0.042
            lit = rng.random() < 0.25
            draw.rectangle(
                (x + rack_w * 0.12, y, x + rack_w * 0.88, y + h * 0.026),
                fill=_with_alpha(GOLD if lit else INK, 230 if lit else 150),
            )
            _dot(draw, (x + rack_w * 0.8, y + h * 0.013), 3 * SCALE, _with_alpha(SPARK, 230))
    return Image.alpha_composite(image, layer)


def _containers(size, rng):
    w, h = size
    image = _gradient(size, (236, 236, 226), (214, 226, 218))
    layer, draw = _layer(size)
    box_w, box_h = w / 7.5, h / 8
    ground = h * 0.9
    for col in range(7):
        height = rng.randint(2, 6)
        for level in range(height):
            x = box_w * 0.25 + col * box_w * 1.04
            y = ground - (level + 1) * box_h * 1.04
            colour = rng.choice((FOREST, TEAL, COPPER, LEAF, INK))
            draw.rectangle((x, y, x + box_w, y + box_h), fill=_with_alpha(colour, 240))
            for rib in range(1, 8):
                rx = x + rib * box_w / 8
                draw.line(
                    [(rx, y + 6 * SCALE), (rx, y + box_h - 6 * SCALE)],
                    fill=_with_alpha(CREAM, 70),
                    width=2 * SCALE,
                )
    draw.line([(0, ground), (w, ground)], fill=INK, width=5 * SCALE)
    return Image.alpha_composite(image, layer)


def _venn(size, rng):
    w, h = size
    image = _gradient(size, CREAM, (228, 236, 226), angle=20)
    layer, draw = _layer(size)
    radius = h * 0.36
    _dot(draw, (w * 0.42, h * 0.5), radius, _with_alpha(FOREST, 190))
    _dot(draw, (w * 0.66, h * 0.5), radius, _with_alpha(GOLD, 170))
    return Image.alpha_composite(image, layer)


def _flows(size, rng):
    w, h = size
    image = _gradient(size, INK, (9, 50, 38), angle=-15)
    layer, draw = _layer(size)
    for i in range(22):
        base = h * (0.08 + i * 0.04)
        phase = rng.uniform(0, 1)
        line = [
            (x, base + math.sin((x / w + phase) * math.pi * 2) * h * 0.06)
            for x in range(0, w + 20, 20)
        ]
        colour = GOLD if i % 4 == 0 else SPARK
        draw.line(line, fill=_with_alpha(colour, 90 + (i % 4) * 40), width=(2 + i % 3) * SCALE)
    return Image.alpha_composite(image, layer)


MOTIFS = {
    "network": _network,
    "lattice": _lattice,
    "ring": _ring,
    "columns": _columns,
    "steps": lambda size, rng: _columns(size, rng, steps=True),
    "landscape": _landscape,
    "waves": _waves,
    "arcs": _arcs,
    "crystals": _crystals,
    "grid": _grid,
    "cards": _cards,
    "spiral": _spiral,
    "stack": _stack,
    "cables": _cables,
    "diamond": _diamond,
    "racks": _racks,
    "containers": _containers,
    "venn": _venn,
    "flows": _flows,
}


def hero_illustration(motif: str, seed: str) -> bytes:
    """A 1200 × 675 JPEG in the named motif."""
    big = (SIZE[0] * SCALE, SIZE[1] * SCALE)
    image = MOTIFS[motif](big, _rng(seed)).convert("RGB")
    image = image.reduce(SCALE)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=88, optimize=True)
    return buffer.getvalue()
