"""Reading what the pipeline produced: the text and the QR code of a PDF."""

import subprocess
import tempfile
from io import BytesIO
from pathlib import Path

import zxingcpp
from PIL import Image
from pypdf import PdfReader


def pdf_text(data):
    return "\n".join(page.extract_text() for page in PdfReader(BytesIO(data)).pages)


def pdf_qr_codes(data):
    """The texts of the QR codes on the first page, rendered at 100 dpi by poppler's pdftoppm."""
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "document.pdf"
        source.write_bytes(data)
        subprocess.run(["pdftoppm", "-r", "100", "-png", "-f", "1", "-l", "1", "-singlefile",
                        source, Path(folder) / "page"], check=True)
        image = Image.open(Path(folder) / "page.png")
        return [barcode.text for barcode in zxingcpp.read_barcodes(image)]


def read(document):
    with document.file.open("rb") as file:
        return file.read()
