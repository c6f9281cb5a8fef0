"""The content as one workbook (Excel, LibreOffice): exported, edited, imported back."""
