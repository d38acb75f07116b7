"""Reading a spec: YAML with positions -> JSON Schema -> semantic checks -> typed model."""
