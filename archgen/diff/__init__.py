"""Comparing two versions of a spec: structure, findings, availability and traffic."""
