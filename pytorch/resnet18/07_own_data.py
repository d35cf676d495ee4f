"""Your own data with ResNet-18: one folder per class of your drawings, a new head, the base frozen.

One folder per class: ``data/mine/circle/*.png``, ``data/mine/square/*.png``, ...
``--quick``: one epoch.
"""
# %%
import sys

import torch
from torch.utils.data import DataLoader
from torchvision import datasets, models, transforms
from torchvision.models import ResNet18_Weights

weights = ResNet18_Weights.DEFAULT
# Drawings are grayscale: copy them to 3 channels, then the preprocessing the weights expect.
to_input = transforms.Compose([transforms.Grayscale(3), weights.transforms()])
mine = datasets.ImageFolder("data/mine", transform=to_input)
train_set, test_set = torch.utils.data.random_split(mine, [0.75, 0.25], generator=torch.Generator().manual_seed(0))

# %%
model = models.resnet18(weights=weights)
for p in model.parameters():
    p.requires_grad = False
model.fc = torch.nn.Linear(model.fc.in_features, len(mine.classes))
optimizer = torch.optim.Adam(model.fc.parameters(), lr=0.003)
loss_fn = torch.nn.CrossEntropyLoss()

model.train()
for epoch in range(1 if "--quick" in sys.argv else 30):
    for images, labels in DataLoader(train_set, batch_size=8, shuffle=True):
        optimizer.zero_grad()
        loss_fn(model(images), labels).backward()
        optimizer.step()

# %%
model.eval()
with torch.no_grad():
    correct = sum((model(x).argmax(dim=1) == y).sum().item() for x, y in DataLoader(test_set, batch_size=64))
print(f"Held-out accuracy: {correct / len(test_set) * 100:.0f}%")
