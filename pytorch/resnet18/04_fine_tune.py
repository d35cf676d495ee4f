"""Step 3 with torchvision's ResNet-18: fine-tune in two phases on your photos.

One folder per class: ``data/train/<class>/*.jpg`` and ``data/test/<class>/*.jpg``.
``--quick``: one epoch per phase.
"""
# %%
import sys

import torch
from torch.utils.data import DataLoader
from torchvision import datasets, models
from torchvision.models import ResNet18_Weights

quick = "--quick" in sys.argv
weights = ResNet18_Weights.DEFAULT
resnet = models.resnet18(weights=weights)
train_set = datasets.ImageFolder("data/train", transform=weights.transforms())
test_set = datasets.ImageFolder("data/test", transform=weights.transforms())
num_classes = len(train_set.classes)


def train(model, optimizer, epochs):
    loader = DataLoader(train_set, batch_size=16, shuffle=True)
    loss_fn = torch.nn.CrossEntropyLoss()
    model.train()
    for epoch in range(epochs):
        for images, labels in loader:
            optimizer.zero_grad()
            loss = loss_fn(model(images), labels)
            loss.backward()
            optimizer.step()


# %%
# Phase 1: freeze everything, then train only the new last layer.
for param in resnet.parameters():
    param.requires_grad = False
resnet.fc = torch.nn.Linear(resnet.fc.in_features, num_classes)   # new layers train by default
optimizer = torch.optim.SGD(resnet.fc.parameters(), lr=0.01, momentum=0.9)
train(resnet, optimizer, epochs=1 if quick else 10)

# %%
# Phase 2: unfreeze the top block and fine-tune with a 10x lower learning rate.
for param in resnet.layer4.parameters():
    param.requires_grad = True
optimizer = torch.optim.SGD([p for p in resnet.parameters() if p.requires_grad], lr=0.001, momentum=0.9)
train(resnet, optimizer, epochs=1 if quick else 5)

# %%
# Evaluate: eval mode (batch norm uses its running statistics), no gradients.
resnet.eval()
correct = 0
with torch.no_grad():
    for images, labels in DataLoader(test_set, batch_size=64):
        correct += (resnet(images).argmax(dim=1) == labels).sum().item()
print(f"Test accuracy: {correct / len(test_set) * 100:.1f}%")
