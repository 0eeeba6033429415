"""The wire protocol shared by the desk and the hub: the objects, changes and fields both sides parse and write,
and openapi.yaml, the document both keep to."""
