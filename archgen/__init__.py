"""archgen: one YAML architecture spec -> validated spec, AWS diagram, resilience review, traffic model."""

__version__ = "0.1.0"
