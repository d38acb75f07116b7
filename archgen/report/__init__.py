"""Reports: text, JSON, Markdown, CSV, SARIF and HTML renderings of findings and traffic."""
