import torchvision.models as models

# Load the pre-trained ResNet model
resnet = models.resnet18(pretrained=True)

# Modify the last layer for our task
num_classes = 5
resnet.fc = torch.nn.Linear(resnet.fc.in_features, num_classes)

# Fine-tune the model on our dataset
# (assuming train_loader is already defined)
learning_rate = 0.001
optimizer = torch.optim.SGD(resnet.parameters(), lr=learning_rate)

for epoch in range(num_epochs):
    for data, labels in train_loader:
        # Train the model
        # ...

print("Fine-tuning complete!")
