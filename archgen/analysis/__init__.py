"""Resilience analysis: lint rules, graph single points of failure, failure domains, availability, DR."""
