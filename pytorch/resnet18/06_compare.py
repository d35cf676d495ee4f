"""Why it works, with ResNet-18: from scratch vs transfer on the same few photos.

One folder per class: ``data/train/<class>/*.jpg`` (a few per class) and ``data/test/<class>/*.jpg``.
``--quick``: one epoch per arm.
"""
# %%
import sys

import torch
from torch.utils.data import DataLoader
from torchvision import datasets, models
from torchvision.models import ResNet18_Weights

epochs = 1 if "--quick" in sys.argv else 20
preprocess = ResNet18_Weights.DEFAULT.transforms()
train_set = datasets.ImageFolder("data/train", transform=preprocess)
test_set = datasets.ImageFolder("data/test", transform=preprocess)


def with_new_head(model, num_classes=5):
    model.fc = torch.nn.Linear(model.fc.in_features, num_classes)
    return model


def train_and_score(model, lr):
    params = [p for p in model.parameters() if p.requires_grad]
    optimizer = torch.optim.Adam(params, lr=lr)
    loss_fn = torch.nn.CrossEntropyLoss()
    model.train()
    for epoch in range(epochs):
        for images, labels in DataLoader(train_set, batch_size=5, shuffle=True):
            optimizer.zero_grad()
            loss_fn(model(images), labels).backward()
            optimizer.step()
    model.eval()
    with torch.no_grad():
        correct = sum((model(x).argmax(dim=1) == y).sum().item() for x, y in DataLoader(test_set, batch_size=64))
    return correct / len(test_set)


# %%
# From scratch: random weights, everything trains
scratch = with_new_head(models.resnet18(weights=None))

# Transfer: pretrained weights, frozen; only the new head trains
transfer = models.resnet18(weights=ResNet18_Weights.DEFAULT)
for p in transfer.parameters():
    p.requires_grad = False
transfer = with_new_head(transfer)

# %%
# Same data, same optimizer, same number of epochs for both; each arm its own learning rate
# (a whole network from random weights takes smaller steps than a new head on frozen features)
print(f"From scratch: {train_and_score(scratch, lr=0.001) * 100:.1f}%")
print(f"Transfer:     {train_and_score(transfer, lr=0.003) * 100:.1f}%")
