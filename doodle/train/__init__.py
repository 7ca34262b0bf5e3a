"""Training (optional extra [train], PyTorch): Sketch-RNN, melody and recogniser models; imports no Qt."""
