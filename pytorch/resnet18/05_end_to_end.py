"""Geek's example, fixed: ResNet-18 fine-tuned on your photos, end to end.

One folder per class: ``data/train/<class>/*.jpg`` and ``data/test/<class>/*.jpg``.
``--quick``: one epoch.
"""
# %%
import sys

import torch
from torch.utils.data import DataLoader
from torchvision import datasets, models
from torchvision.models import ResNet18_Weights

# Load the pre-trained ResNet model
weights = ResNet18_Weights.DEFAULT
resnet = models.resnet18(weights=weights)

# Modify the last layer for our task
num_classes = 5
resnet.fc = torch.nn.Linear(resnet.fc.in_features, num_classes)

# %%
# Our dataset: one folder per class, preprocessed the way the weights expect
train_set = datasets.ImageFolder("data/train", transform=weights.transforms())
train_loader = DataLoader(train_set, batch_size=16, shuffle=True)

# %%
# Fine-tune the model on our dataset
learning_rate = 0.001
num_epochs = 1 if "--quick" in sys.argv else 5
optimizer = torch.optim.SGD(resnet.parameters(), lr=learning_rate, momentum=0.9)
loss_fn = torch.nn.CrossEntropyLoss()

resnet.train()
for epoch in range(num_epochs):
    for data, labels in train_loader:
        optimizer.zero_grad()                 # forget the previous batch's gradients
        loss = loss_fn(resnet(data), labels)  # forward pass and loss
        loss.backward()                       # gradients
        optimizer.step()                      # update the weights

print("Fine-tuning complete!")

# %%
# Evaluate on the test set and report
test_set = datasets.ImageFolder("data/test", transform=weights.transforms())
resnet.eval()
correct = 0
with torch.no_grad():
    for data, labels in DataLoader(test_set, batch_size=64):
        correct += (resnet(data).argmax(dim=1) == labels).sum().item()
print(f"Test accuracy: {correct / len(test_set) * 100:.1f}%")
