"""Draws the Portal Desk icon and writes every size Tauri bundling needs.

Run with Pillow installed: python3 icons/generate.py
"""

from pathlib import Path

from PIL import Image, ImageDraw

HERE = Path(__file__).resolve().parent
SIZE = 1024


def gradient(size, top, bottom):
    image = Image.new("RGBA", (size, size))
    draw = ImageDraw.Draw(image)
    for y in range(size):
        t = y / (size - 1)
        color = tuple(round(a + (b - a) * t) for a, b in zip(top, bottom)) + (255,)
        draw.line([(0, y), (size, y)], fill=color)
    return image


def draw_icon():
    background = gradient(SIZE, (38, 110, 170), (24, 52, 110))
    mask = Image.new("L", (SIZE, SIZE), 0)
    ImageDraw.Draw(mask).rounded_rectangle([40, 40, SIZE - 40, SIZE - 40], radius=210, fill=255)
    icon = Image.new("RGBA", (SIZE, SIZE), (0, 0, 0, 0))
    icon.paste(background, (0, 0), mask)
    draw = ImageDraw.Draw(icon)
    white = (255, 255, 255, 255)
    # The portal: an arched doorway.
    left, right, top, bottom, stroke = 250, 774, 200, 830, 64
    draw.rounded_rectangle([left, top, right, bottom + 200], radius=(right - left) // 2, outline=white, width=stroke)
    draw.rectangle([left - 10, bottom, right + 10, bottom + 220], fill=(0, 0, 0, 0))
    # Clear the part of the outline below the threshold and redraw the sides.
    icon.paste(background.crop((left - 10, bottom, right + 11, bottom + 221)), (left - 10, bottom), mask.crop((left - 10, bottom, right + 11, bottom + 221)))
    draw.rectangle([left, top + (right - left) // 2, left + stroke, bottom], fill=white)
    draw.rectangle([right - stroke, top + (right - left) // 2, right, bottom], fill=white)
    # The threshold (the desk).
    draw.rounded_rectangle([170, bottom - 10, SIZE - 170, bottom + 60], radius=30, fill=white)
    # A document coming through the portal.
    doc = [392, 420, 632, 740]
    draw.rounded_rectangle(doc, radius=28, fill=(255, 255, 255, 235))
    line_color = (38, 92, 150, 255)
    for i, width in enumerate([150, 170, 120, 160]):
        y = 480 + i * 56
        draw.rounded_rectangle([430, y, 430 + width, y + 24], radius=12, fill=line_color)
    return icon


def main():
    icon = draw_icon()
    sizes = {"icon.png": 512, "128x128@2x.png": 256}
    # Every size the freedesktop icon theme looks for (the Linux packages
    # install each under /usr/share/icons/hicolor/NxN/apps).
    for size in (16, 24, 32, 48, 64, 128, 256, 512):
        sizes[f"{size}x{size}.png"] = size
    for name, size in sizes.items():
        icon.resize((size, size), Image.LANCZOS).save(HERE / name)
    icon.save(HERE / "icon.ico", sizes=[(16, 16), (24, 24), (32, 32), (48, 48), (64, 64), (128, 128), (256, 256)])
    icon.save(HERE / "icon.icns")


if __name__ == "__main__":
    main()
