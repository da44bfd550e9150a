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
print("파라미터 수:", sum(p.numel() for p in model.parameters()))
# --8<-- [end:model]

# --8<-- [start:step]
x, y = torch.from_numpy(X), torch.from_numpy(Y)


def train_step(x, y):
    loss = loss_fn(model(x), y)
    optimizer.zero_grad()  # .grad는 누적되므로 매번 비웁니다
    loss.backward()
    optimizer.step()
    return loss.item()


# --8<-- [end:step]

# --8<-- [start:train]
losses = []
for step in range(1, STEPS + 1):
    losses.append(train_step(x, y))
    if step % 10 == 0:
        print(f"step {step:2d}  loss {losses[-1]:.4f}")

print(f"w = {model.weight.item():.3f}, b = {model.bias.item():.3f}")
# --8<-- [end:train]

# --8<-- [start:exercise-1]
# 연습 문제 1: 학습률을 20배로 올리면 어떻게 될까요?
probe = nn.Linear(1, 1)
fast = torch.optim.SGD(probe.parameters(), lr=LEARNING_RATE * 20)
history = []
for _ in range(5):
    loss = loss_fn(probe(x), y)
    fast.zero_grad()
    loss.backward()
    fast.step()
    history.append(loss.item())
print("손실:", " → ".join(f"{v:.3g}" for v in history))
# --8<-- [end:exercise-1]
