# 텐서와 자동 미분 — PyTorch 2
# 실행: python pytorch_code.py   (섹션 이름은 tensorflow_code.py와 같습니다)

# --8<-- [start:tensors]
import numpy as np
import torch

ints = torch.tensor([1, 2, 3])  # 파이썬 정수
x32 = torch.tensor([1.0, 2.0, 3.0])  # 파이썬 실수
x64 = torch.tensor(np.array([1.0, 2.0, 3.0]))  # NumPy 배열
print("ints, x32, x64:", ints.dtype, x32.dtype, x64.dtype)

# dtype이 달라도 넓은 쪽으로 알아서 올립니다 (0차원 텐서는 예외)
scalar64 = torch.tensor(10.0, dtype=torch.float64)  # 0차원 float64
mixed = {
    "int64 + 0.5": ints + 0.5,
    "float32 + float64 (3,)": x32 + x64,
    "float32 + float64 ()": x32 + scalar64,
}
for label, value in mixed.items():
    print(f"{label:22s} → {value.dtype}")
# --8<-- [end:tensors]

# --8<-- [start:ops]
x = torch.tensor([-2.5, -0.5, 0.5, 1.5])
results = {
    "x": x,
    "torch.neg": torch.neg(x),  # -x, torch.negative
    "torch.round": torch.round(x),  # 짝수 쪽으로
    "torch.ceil": torch.ceil(x),
    "torch.sqrt": torch.sqrt(torch.abs(x)),
    "torch.log": torch.log(torch.abs(x)),
    "torch.cumsum": torch.cumsum(x, dim=0),  # dim 필수
}
for name, value in results.items():
    line = " ".join(f"{v:6.2f}" for v in value.numpy())
    print(f"{name:16s} {line}")

# 브로드캐스팅: (2, 1) + (3,) → (2, 3)
column = torch.tensor([[0.0], [10.0]])
row = torch.tensor([1.0, 2.0, 3.0])
table = column + row
print("(2, 1) + (3,) →", table.numpy().tolist())
# --8<-- [end:ops]

# --8<-- [start:numpy]
array = np.array([1.0, 2.0, 3.0])
shared = torch.from_numpy(array)  # 메모리를 함께 씁니다
copied = torch.tensor(array)  # 복사합니다
array[0] = 100.0
print("from_numpy:", shared.tolist())
print("tensor    :", copied.tolist())

shared.mul_(2)  # 텐서를 제자리에서 바꾸면 배열도
print("array     :", array.tolist())
# --8<-- [end:numpy]

# --8<-- [start:gradient]
x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
c = torch.tensor([2.0, -1.0, 0.5], requires_grad=True)
# requires_grad=True인 텐서가 들어간 연산은 실행하는 순간 기록됩니다
y = torch.sum(c * x**2)  # y = Σ c·x²
y.backward(retain_graph=True)  # .grad에 저장하고, 그래프는 남겨 둡니다
dy_dx, dy_dc = x.grad.clone(), c.grad.clone()
print("dy/dx =", dy_dx.tolist(), "/ dy/dc =", dy_dc.tolist())
y.backward()  # 한 번 더 역전파하면 .grad에 더해집니다
print("두 번 역전파한 x.grad =", x.grad.tolist())

with torch.no_grad():  # 이 블록 안에서는 기록하지 않습니다
    y = torch.sum(c * x**2)
print("no_grad 안의 y.requires_grad →", y.requires_grad)
# --8<-- [end:gradient]

# --8<-- [start:fit]
import matplotlib.pyplot as plt

from data import B_INIT, LEARNING_RATE, STEPS, W_INIT, X, Y

x, y = torch.from_numpy(X), torch.from_numpy(Y)  # float32 텐서
W = torch.tensor(W_INIT, requires_grad=True)  # 파이썬 실수 → float32
b = torch.tensor(B_INIT, requires_grad=True)


def train_step():
    loss = torch.mean(torch.square(W * x + b - y))  # 평균 제곱 오차
    loss.backward()  # W.grad, b.grad에 더해집니다
    with torch.no_grad():
        W.sub_(LEARNING_RATE * W.grad)  # W ← W − lr·dW
        b.sub_(LEARNING_RATE * b.grad)
    W.grad.zero_()  # 비우지 않으면 다음 단계에 더해짐
    b.grad.zero_()
    return loss  # 갱신 전의 손실


params = [torch.stack([W, b]).detach()]  # 초깃값부터 단계마다 (W, b)
losses = []
for _ in range(STEPS):
    losses.append(train_step().item())
    params.append(torch.stack([W, b]).detach())

from data import B_BEST, LOG_STEPS, W_BEST, plot_fit

print("단계       W       b    손실")
for step in LOG_STEPS:
    w_now, b_now = params[step].numpy()
    print(f"{step:4d}  {w_now:6.4f}  {b_now:6.4f}  {losses[step - 1]:.4f}")
print(f"최소제곱 해: W = {W_BEST:.4f}, b = {B_BEST:.4f}")

plot_fit(params, "PyTorch")
plt.show()
# --8<-- [end:fit]

# --8<-- [start:exercise-accumulate]
# 연습 문제 1: 데이터를 반씩 나눠 구한 기울기를 모으면?
W0 = torch.tensor(W_INIT, requires_grad=True)
b0 = torch.tensor(B_INIT, requires_grad=True)
mse = lambda xs, ys: torch.mean(torch.square(W0 * xs + b0 - ys))

# 절반마다 손실을 2로 나눠 backward()하면 .grad에 쌓입니다
(mse(x[:5], y[:5]) / 2).backward()
(mse(x[5:], y[5:]) / 2).backward()
print("절반 두 개:", torch.stack([W0.grad, b0.grad]).numpy().round(4))
full = torch.autograd.grad(mse(x, y), [W0, b0])  # .grad를 건드리지 않습니다
print("전체 배치 :", torch.stack(full).numpy().round(4))
# --8<-- [end:exercise-accumulate]

# --8<-- [start:exercise-zero-grad]
# 연습 문제 2: train_step에서 zero_()를 빼면?
W0 = torch.tensor(W_INIT, requires_grad=True)
b0 = torch.tensor(B_INIT, requires_grad=True)
for step in range(1, STEPS + 1):
    mse(x, y).backward()  # 연습 문제 1의 함수, .grad에 계속 쌓입니다
    with torch.no_grad():
        W0.sub_(LEARNING_RATE * W0.grad)
        b0.sub_(LEARNING_RATE * b0.grad)
    if step in (10, STEPS):
        print(f"{step}단계 뒤 W = {W0.item():.4f}, b = {b0.item():.4f}")
# --8<-- [end:exercise-zero-grad]
