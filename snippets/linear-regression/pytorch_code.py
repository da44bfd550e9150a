# 선형 회귀 — PyTorch 2
# 실행: python pytorch_code.py   (섹션 이름은 tensorflow_code.py와 같습니다)

# --8<-- [start:data]
import numpy as np
import torch
from torch import nn

from data import EPOCHS, LEARNING_RATE, N_FEATURES, X_TEST, X_TRAIN, Y_TEST, Y_TRAIN

torch.manual_seed(0)

# float64 → float32는 직접 해야 합니다 (nn.Linear의 가중치가 float32라서: dtype 절 참고)
x_train = torch.from_numpy(X_TRAIN).float()
x_test = torch.from_numpy(X_TEST).float()
# 타깃은 모델 출력 (N, 1)과 같은 모양으로 만듭니다 (loss 절 참고)
y_train = torch.from_numpy(Y_TRAIN).float().unsqueeze(1)
y_test = torch.from_numpy(Y_TEST).float().unsqueeze(1)

# 학습 데이터 전체를 배치 하나로 쓰므로 DataLoader 없이 텐서를 그대로 씁니다
dtype = str(x_train.dtype).removeprefix("torch.")
print("학습:", tuple(x_train.shape), dtype, "/ 평가:", tuple(x_test.shape))
print("타깃:", tuple(y_train.shape), "(열 벡터로 바꿈)")
# --8<-- [end:data]


# --8<-- [start:model]
def build_model():
    # 입력 크기 10을 직접 적습니다
    return nn.Sequential(nn.Linear(N_FEATURES, 1))


model = build_model()
print(model)
linear = model[0]
print("weight:", tuple(linear.weight.shape), "/ bias:", tuple(linear.bias.shape))
print("파라미터 수:", sum(p.numel() for p in model.parameters()))
# 가중치와 bias 모두 ±1/√10 범위의 균등 분포에서 뽑습니다
print("처음 bias:", linear.bias.detach().numpy().round(4))
# --8<-- [end:model]

# --8<-- [start:dtype]
# data.py의 float64 배열을 그대로 텐서로 만들면 dtype이 double(float64)입니다
x64 = torch.from_numpy(X_TRAIN[:3])
try:
    model(x64)
except RuntimeError as err:
    print(f"{type(err).__name__}: {err}")
prediction = model(x64.float())  # float32로 바꾸면 됩니다
print("입력:", x64.dtype, "→ .float() 뒤 출력:", prediction.dtype)
# --8<-- [end:dtype]

# --8<-- [start:loss]
import warnings

mse = nn.MSELoss()  # 기본 reduction = "mean"
mse_sum = nn.MSELoss(reduction="sum")
prediction = model(x_train)  # (N, 1)
print("reduction:", mse.reduction)
mean_value = mse(prediction, y_train).item()
sum_value = mse_sum(prediction, y_train).item()
ratio = sum_value / mean_value
print(f"평균 {mean_value:.4f}  합 {sum_value:.2f} = 평균 × {ratio:.0f}")

# 정답을 (N, 1) 모양으로 '완벽하게' 예측하면: 타깃이 (N,)일 때 (N, N)으로 퍼집니다
perfect = y_train  # 정답 그대로, (N, 1)
flat = y_train.squeeze(1)  # sklearn이 주는 모양, (N,)
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    wrong = mse(perfect, flat).item()  # (N, 1) − (N,) → (N, N)
print("타깃", tuple(flat.shape), "예측", tuple(perfect.shape), f"→ 손실 {wrong:.4f}")
print("경고:", str(caught[0].message).split(". ")[0])
right = mse(perfect, y_train).item()
print("타깃", tuple(y_train.shape), "예측", tuple(perfect.shape), f"→ 손실 {right:.4f}")
# --8<-- [end:loss]

# --8<-- [start:optimizer]
loss_fn = nn.MSELoss()
optimizer = torch.optim.SGD(model.parameters(), lr=LEARNING_RATE)  # PyTorch는 lr=


def train_step(x, y):
    """전체 배치로 한 번 갱신하고 갱신 전의 손실을 돌려줍니다 (fit의 기록과 같은 값)."""
    optimizer.zero_grad()  # .grad는 누적되므로 매번 비웁니다
    loss = loss_fn(model(x), y)
    loss.backward()
    optimizer.step()
    return loss.item()


# --8<-- [end:optimizer]

# --8<-- [start:train]
import matplotlib.pyplot as plt

losses = []  # History 대신 직접 모읍니다
for _ in range(EPOCHS):
    losses.append(train_step(x_train, y_train))
print("길이:", len(losses))
for epoch in (1, 5, 10, 20, EPOCHS):
    print(f"epoch {epoch:2d}  loss {losses[epoch - 1]:.4f}")

fig, ax = plt.subplots(figsize=(4.2, 3.0))
ax.plot(range(1, len(losses) + 1), losses, color="tab:blue")
ax.set_xlabel("에포크")
ax.set_ylabel("학습 MSE (표준화한 타깃)")
ax.set_title("PyTorch 반복문의 손실 목록")
fig.tight_layout()
plt.show()
# --8<-- [end:train]

# --8<-- [start:evaluate]
from data import BEST_TEST_MSE, BEST_W, FEATURE_NAMES, Y_STD

model.eval()  # 평가 모드 (이 모델에는 Dropout·BatchNorm이 없어 결과는 같습니다)
with torch.no_grad():  # 기울기 기록 없이
    test_mse = loss_fn(model(x_test), y_test).item()
print(f"평가 MSE {test_mse:.4f}  (평균만 예측하면 {torch.mean(y_test**2):.4f})")
print(f"평가 RMSE {np.sqrt(test_mse) * Y_STD:.1f} (원래 단위)")

weights = linear.weight.detach().numpy()[0]  # (1, 10) → (10,)
top = np.argsort(-np.abs(weights))[:3]
names = ", ".join(f"{FEATURE_NAMES[i]} {weights[i]:+.3f}" for i in top)
print("영향이 큰 특징:", names)

# 정규 방정식의 해(data.py)와 비교합니다
gap = np.linalg.norm(weights - BEST_W)
print(f"정규 방정식: 평가 MSE {BEST_TEST_MSE:.4f}, 가중치까지 거리 {gap:.3f}")
# --8<-- [end:evaluate]

# --8<-- [start:scaling]
import math

from data import SMALL_LEARNING_RATE, X_TRAIN_RAW

# 표준화하지 않은 특징 (콜레스테롤 수치는 수백)
x_raw = torch.from_numpy(X_TRAIN_RAW).float()


def sgd_losses(features, learning_rate):
    """가중치 0에서 출발해 전체 배치 SGD로 EPOCHS번 갱신하고 손실 목록을 돌려줍니다."""
    zero_model = nn.Linear(N_FEATURES, 1)
    # 초기화는 층을 만든 뒤 제자리(in-place)에서 덮어씁니다
    nn.init.zeros_(zero_model.weight)
    nn.init.zeros_(zero_model.bias)
    sgd = torch.optim.SGD(zero_model.parameters(), lr=learning_rate)
    history = []
    for epoch in range(EPOCHS):
        sgd.zero_grad()
        loss = loss_fn(zero_model(features), y_train)
        loss.backward()
        sgd.step()
        history.append(loss.item())
        if not math.isfinite(history[-1]):  # TerminateOnNaN에 해당하는 부분
            print(f"{epoch + 1}번째 갱신: 손실 {history[-1]}, 학습을 멈춥니다")
            break
    return history


scaled_losses = sgd_losses(x_train, LEARNING_RATE)
print(f"표준화, lr={LEARNING_RATE}: {scaled_losses[0]:.4f} → {scaled_losses[-1]:.4f}")
raw_losses = sgd_losses(x_raw, LEARNING_RATE)
print(f"원래 단위, lr={LEARNING_RATE}:", " → ".join(f"{v:.3g}" for v in raw_losses))
crawl_losses = sgd_losses(x_raw, SMALL_LEARNING_RATE)
first, last = crawl_losses[0], crawl_losses[-1]
print(f"원래 단위, lr={SMALL_LEARNING_RATE}: {first:.4f} → {last:.4f}")
# --8<-- [end:scaling]

# --8<-- [start:exercise-sum]
# 연습 문제 1: reduction="sum"에서 평균과 같은 학습을 하려면 학습률을 N으로 나눕니다
n = len(x_train)
for reduction, rate in (("mean", LEARNING_RATE), ("sum", LEARNING_RATE / n)):
    torch.manual_seed(0)  # 두 모델이 같은 초깃값에서 출발하게
    same_start = build_model()
    criterion = nn.MSELoss(reduction=reduction)
    sgd = torch.optim.SGD(same_start.parameters(), lr=rate)
    for _ in range(EPOCHS):
        sgd.zero_grad()
        loss = criterion(same_start(x_train), y_train)
        loss.backward()
        sgd.step()
    last = loss.item() / (n if reduction == "sum" else 1)
    print(f"{reduction:>4}, lr={rate:.2e}: 마지막 평균 손실 {last:.4f}")
# --8<-- [end:exercise-sum]

# --8<-- [start:exercise-limit]
# 연습 문제 2: MSE의 곡률(헤세 행렬 2·XᵀX/N)의 가장 큰 고윳값 λ가
# 학습률의 한계 2/λ를 정합니다
hessian = 2 * x_train.T @ x_train / len(x_train)
limit = 2 / torch.linalg.eigvalsh(hessian).max().item()
print(f"발산 경계 2/λ = {limit:.3f}")
for factor in (0.9, 1.1):
    torch.manual_seed(0)
    probe = build_model()
    sgd = torch.optim.SGD(probe.parameters(), lr=factor * limit)
    losses = []
    for _ in range(EPOCHS):
        sgd.zero_grad()
        loss = loss_fn(probe(x_train), y_train)
        loss.backward()
        sgd.step()
        losses.append(loss.item())
    print(f"lr = {factor} × 경계: 손실 {losses[0]:.3g} → {losses[-1]:.3g}")
# --8<-- [end:exercise-limit]
