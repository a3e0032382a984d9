"""Printed documents (Decree 30/2020 format): fonts, page frame, styles and building blocks."""
