"""Infrastructure as code -> archgen specs.

``cloudformation`` reads templates (YAML with short-form tags, JSON, ``cdk synth`` output),
resolves their intrinsic functions as data and maps resources to component types;
``terraform`` reads ``terraform show -json`` plans and state. Nothing named in a template is
executed or fetched, and no file outside the template's directory tree is read.
"""
