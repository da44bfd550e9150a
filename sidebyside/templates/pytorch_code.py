# {title} — PyTorch 2
# 실행: python pytorch_code.py   (섹션 이름은 tensorflow_code.py와 같습니다)

# --8<-- [start:model]
import torch
from torch import nn

from data import LEARNING_RATE, STEPS, X, Y

torch.manual_seed(0)

model = nn.Linear(1, 1)
loss_fn = nn.MSELoss()
optimizer = torch.optim.SGD(model.parameters(), lr=LEARNING_RATE)
# --8<-- [end:model]

# --8<-- [start:step]
x, y = torch.from_numpy(X), torch.from_numpy(Y)


def train_step(x, y):
    loss = loss_fn(model(x), y)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
    return loss


# --8<-- [end:step]

# --8<-- [start:train]
for step in range(1, STEPS + 1):
    loss = train_step(x, y)
    if step % 10 == 0:
        print(f"step {step:2d}  loss {loss.item():.4f}")

print(f"w = {model.weight.item():.3f}, b = {model.bias.item():.3f}")
# --8<-- [end:train]
