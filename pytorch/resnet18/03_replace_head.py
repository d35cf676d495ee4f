"""Step 2 with torchvision's ResNet-18: replace its last layer for 5 classes."""
# %%
import torch
from torchvision import models
from torchvision.models import ResNet18_Weights

resnet = models.resnet18(weights=ResNet18_Weights.DEFAULT)

# %%
num_classes = 5
# resnet.fc is ResNet's last layer: Linear(512 -> 1000 ImageNet classes).
# A new Linear layer has fresh random weights; every other layer keeps its pretrained ones.
resnet.fc = torch.nn.Linear(resnet.fc.in_features, num_classes)
print(resnet.fc)
