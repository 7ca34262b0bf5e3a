"""Training (optional extra [train], PyTorch): Sketch-RNN, melody and recogniser models.

Imports no Qt; torch is imported only by the modules that train, never at package import.
"""
