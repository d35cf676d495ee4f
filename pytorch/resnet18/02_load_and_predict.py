"""Step 1 with torchvision's ResNet-18: load it pretrained, look inside, predict your photos.

Downloads the ImageNet weights (45 MB) the first time. Put a few photos in ``photos/``.
"""
# %%
from pathlib import Path

import torch
from PIL import Image
from torchvision import models
from torchvision.models import ResNet18_Weights

# %%
# Load the pre-trained ResNet model
weights = ResNet18_Weights.DEFAULT          # replaces the deprecated pretrained=True
resnet = models.resnet18(weights=weights)
resnet.eval()                               # inference mode: fixed dropout and batch norm

print(resnet)                               # every layer, like model.summary()
print(resnet.fc)                            # the last layer: Linear(in_features=512, out_features=1000)

# %%
# Predict a batch of photos, preprocessed the way the weights expect
preprocess = weights.transforms()
paths = sorted(Path("photos").glob("*.jpg"))
images = torch.stack([preprocess(Image.open(p).convert("RGB")) for p in paths])
with torch.no_grad():
    scores = resnet(images)
best = scores.argmax(dim=1)
print([weights.meta["categories"][i] for i in best])
