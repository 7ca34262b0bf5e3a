"""ONNX inference: model registry, sessions, sampler, draw-along functions; imports no Qt."""
