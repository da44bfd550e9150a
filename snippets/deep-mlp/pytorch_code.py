# MLP 심화: 초기화 · Dropout · BatchNorm — PyTorch 2
# 실행: python pytorch_code.py   (섹션 이름은 tensorflow_code.py와 같습니다)

# --8<-- [start:data]
import numpy as np
import torch
from torch import nn
from torch.utils.data import DataLoader, TensorDataset

from data import (
    BATCH_SIZE,
    EPOCH_ORDERS,
    MODEL_DROPOUT,
    SEED,
    X_TEST,
    X_TRAIN,
    Y_TEST,
    Y_TRAIN,
)

torch.manual_seed(SEED)

# torch.tensor는 복사합니다 (from_numpy는 NumPy 배열과 메모리를 나눠 씁니다)
x_train, y_train = torch.tensor(X_TRAIN), torch.tensor(Y_TRAIN)  # float32, int64
x_test, y_test = torch.tensor(X_TEST), torch.tensor(Y_TEST)
train_set = TensorDataset(x_train, y_train)


def epoch_loader(epoch):
    """data.py가 정한 순서(sampler)대로 BATCH_SIZE개씩 꺼냅니다."""
    order = EPOCH_ORDERS[epoch].tolist()
    return DataLoader(train_set, batch_size=BATCH_SIZE, sampler=order, num_workers=0)


first_x, first_y = next(iter(epoch_loader(0)))
print("학습:", tuple(x_train.shape), x_train.dtype, "/ 평가:", tuple(x_test.shape))
print("첫 미니배치:", tuple(first_x.shape), "정답", first_y[:8].numpy(), "…")
print(
    "에포크당 미니배치:", len(epoch_loader(0)), "/ 모델의 Dropout 비율:", MODEL_DROPOUT
)
# --8<-- [end:data]


# --8<-- [start:model]
from data import BN_EPSILON, BN_MOMENTUM, HIDDEN, N_CLASSES, N_FEATURES

# PyTorch의 momentum은 '새 배치 통계'의 비율입니다: Keras 0.99 ↔ PyTorch 0.01
TORCH_BN_MOMENTUM = round(1 - BN_MOMENTUM, 6)


def block(n_in, n_out):
    """Linear → BatchNorm → GELU → Dropout. bias는 BatchNorm의 β가 대신합니다."""
    return [
        nn.Linear(n_in, n_out, bias=False),
        nn.BatchNorm1d(n_out, momentum=TORCH_BN_MOMENTUM, eps=BN_EPSILON),
        nn.GELU(),
        nn.Dropout(MODEL_DROPOUT),
    ]


model = nn.Sequential(
    nn.Flatten(),  # (N, 8, 8) → (N, 64)
    *block(N_FEATURES, HIDDEN[0]),
    *block(HIDDEN[0], HIDDEN[1]),
    nn.Linear(HIDDEN[1], N_CLASSES),  # 로짓 10개
)
print(model)
n_trainable = sum(p.numel() for p in model.parameters())
running = [b for name, b in model.named_buffers() if "running" in name]
print("parameters():", len(list(model.parameters())), "개,", n_trainable, "값")
print("buffers() 중 이동 통계:", len(running), "개,", sum(b.numel() for b in running))
print(
    "  그 밖의 버퍼: num_batches_tracked",
    len(list(model.buffers())) - len(running),
    "개",
)
# --8<-- [end:model]

# --8<-- [start:init]
import math

linears = [layer for layer in model if isinstance(layer, nn.Linear)]
print("기본 초기화: weight는 kaiming_uniform_(a=√5), bias도 같은 범위의 균등 분포")


def describe(layer, limit):
    w = layer.weight.detach()
    fan_out, fan_in = w.shape  # weight는 (출력, 입력)
    print(
        f"{fan_in:3d}→{fan_out:3d}  범위 ±{limit:.4f}  최대 |w| {w.abs().max():.4f}"
        f"  표준편차 {w.std():.4f} (이론 {limit / math.sqrt(3):.4f})"
    )


for layer in linears:
    describe(layer, 1 / math.sqrt(layer.in_features))  # 범위 ±1/√fan_in
print("출력층 bias:", linears[-1].bias.detach()[:4].numpy().round(4), "…")


def init_like_keras(module):
    """Keras 기본값과 같은 분포: glorot_uniform(= xavier_uniform_) kernel, bias 0."""
    if isinstance(module, nn.Linear):
        nn.init.xavier_uniform_(module.weight)
        if module.bias is not None:
            nn.init.zeros_(module.bias)


model.apply(init_like_keras)  # 모든 하위 모듈에 차례로 적용합니다
print("init_like_keras 뒤 (xavier_uniform_, zeros_):")
fans, limits = [], []
for layer in linears:
    fan_in, fan_out = layer.in_features, layer.out_features
    fans.append((fan_in, fan_out))
    limits.append(math.sqrt(6 / (fan_in + fan_out)))
    describe(layer, limits[-1])
output_bias = linears[-1].bias.detach().numpy()
print("출력층 bias:", output_bias[:4], "…")

bn_layers = [layer for layer in model if isinstance(layer, nn.BatchNorm1d)]
bn = bn_layers[0]
print(
    "BatchNorm γ, β:", bn.weight.detach()[:2].numpy(), bn.bias.detach()[:2].numpy(), "…"
)
print("이동 평균, 분산:", bn.running_mean[:2].numpy(), bn.running_var[:2].numpy(), "…")
# --8<-- [end:init]

# --8<-- [start:batchnorm]
default_bn = nn.BatchNorm1d(N_FEATURES)
print(f"PyTorch 기본값: momentum={default_bn.momentum}, eps={default_bn.eps}")

# 층 하나만 떼어 실험합니다: 입력은 첫 미니배치의 픽셀 64개
x_batch = x_train[:BATCH_SIZE].reshape(BATCH_SIZE, -1)
bn_demo = nn.BatchNorm1d(N_FEATURES, momentum=TORCH_BN_MOMENTUM, eps=BN_EPSILON)
bn_train_out = bn_demo(x_batch).detach()  # 새로 만든 층은 학습 모드: 배치 통계로 정규화
print(f"이 글의 설정: momentum={bn_demo.momentum}, eps={bn_demo.eps}")

# 학습 모드 호출 한 번이 이동 통계도 한 번 갱신합니다
batch_mean = x_batch.mean(dim=0)
biased_var = x_batch.var(dim=0, correction=0)  # n으로 나눈 분산
unbiased_var = x_batch.var(dim=0)  # n − 1로 나눈 분산 (torch의 기본값)
demo_mean, demo_var = bn_demo.running_mean, bn_demo.running_var
m = bn_demo.momentum
print("이동 평균 = (1 − m)·0 + m·배치 평균:", torch.allclose(demo_mean, m * batch_mean))
print("이동 분산 = (1 − m)·1 + m·분산")
print("  n으로 나눈 분산이면:", torch.allclose(demo_var, 1 - m + m * biased_var))
print("  n − 1로 나눈 분산이면:", torch.allclose(demo_var, 1 - m + m * unbiased_var))

# ε의 몫: 분산이 가장 작은(0은 아닌) 픽셀에서 출력의 표준편차가 1보다 작아집니다
small = torch.where(biased_var > 0, biased_var, torch.inf).argmin()
small_std = bn_train_out[:, small].std(correction=0)
print(f"분산이 가장 작은 픽셀: 분산 {biased_var[small]:.2e}")
print(f"  → 출력 표준편차 {small_std:.4f}")
default_std = default_bn(x_batch).detach()[:, small].std(correction=0)
print(f"  eps를 기본값 {default_bn.eps}로 두면 출력 표준편차 {default_std:.4f}")
# --8<-- [end:batchnorm]

# --8<-- [start:dropout]
from data import DROPOUT_RATE

dropout = nn.Dropout(DROPOUT_RATE)
ones = torch.ones(1000, 64)
print("새로 만든 모듈의 training:", dropout.training)  # 기본이 학습 모드
dropped = dropout(ones)  # 학습 모드: 지우고 키웁니다
kept_values = dropped[dropped != 0].unique()
print(f"p = {DROPOUT_RATE}: 남은 값 {kept_values.numpy().round(4)} = 1/(1 − p)")
zero_rate = (dropped == 0).float().mean()
print(f"지워진 비율 {zero_rate:.3f}, 평균 {dropped.mean():.3f} (기댓값 1)")
dropout.eval()  # 평가 모드: 그대로 통과
dropout_eval = dropout(ones)
print("eval() 뒤 출력 = 입력:", torch.equal(dropout_eval, ones))
# --8<-- [end:dropout]

# --8<-- [start:step]
from data import LEARNING_RATE

loss_fn = nn.CrossEntropyLoss()
# parameters()에는 γ, β가 있고 이동 통계(버퍼)는 없습니다
optimizer = torch.optim.SGD(model.parameters(), lr=LEARNING_RATE)


def train_step(x, y):
    # model.train() 상태라야 BatchNorm이 배치 통계를 쓰고 Dropout이 켜집니다
    optimizer.zero_grad()
    logits = model(x)
    loss = loss_fn(logits, y)
    loss.backward()
    optimizer.step()
    return loss.item(), logits.detach()


def evaluate(x, y):
    """평가 모드(eval)의 로짓과 정확도."""
    model.eval()  # BatchNorm은 이동 통계를 쓰고 Dropout은 끔
    with torch.no_grad():  # 기울기 기록만 끕니다 (모드는 바꾸지 않습니다)
        logits = model(x)
    return logits, (logits.argmax(dim=1) == y).sum().item() / len(y)


start_logits, start_accuracy = evaluate(x_test, y_test)
start_loss = loss_fn(start_logits, y_test).item()
print(f"학습 전 평가 손실 {start_loss:.4f}, 정확도 {start_accuracy:.4f}")
print("evaluate 뒤 model.training:", model.training)  # 학습 전에 train()으로 되돌립니다
# --8<-- [end:step]

# --8<-- [start:train]
import matplotlib.pyplot as plt

from data import EPOCHS, STEPS_PER_EPOCH

losses = []  # 미니배치마다의 손실 (갱신 전 가중치로 계산한 값)
train_accuracies, test_accuracies = [], []
for epoch in range(EPOCHS):
    model.train()  # evaluate가 eval()로 바꿔 두었으므로 에포크마다 되돌립니다
    correct = 0
    for x, y in epoch_loader(epoch):
        loss, logits = train_step(x, y)
        losses.append(loss)
        correct += (logits.argmax(dim=1) == y).sum().item()
    train_accuracies.append(correct / len(x_train))  # 학습 모드에서 센 정확도
    test_accuracies.append(evaluate(x_test, y_test)[1])
    epoch_loss = np.mean(losses[-STEPS_PER_EPOCH:])
    print(
        f"에포크 {epoch + 1:2d}  손실 {epoch_loss:.4f}"
        f"  학습 정확도 {train_accuracies[-1]:.4f}"
        f"  평가 정확도 {test_accuracies[-1]:.4f}"
    )

epochs = np.arange(1, EPOCHS + 1)
fig, ax = plt.subplots(figsize=(4.6, 3.2))
ax.plot(epochs, train_accuracies, "o-", color="tab:blue", label="학습 (train())")
ax.plot(epochs, test_accuracies, "s--", color="tab:blue", label="평가 (eval())")
ax.set(xlabel="에포크", ylabel="정확도", title="PyTorch: 정확도 곡선", ylim=(0.6, 1.0))
ax.legend(loc="lower right")
fig.tight_layout()
plt.show()
# --8<-- [end:train]

# --8<-- [start:stats]
# 각 BatchNorm 층의 입력을 학습 데이터 전체로 다시 계산해(평가 모드)
# 이동 통계와 비교합니다
model.eval()
hidden = x_train
input_means, input_vars = [], []
with torch.no_grad():
    for layer in model:
        if isinstance(layer, nn.BatchNorm1d):
            full_mean, full_var = hidden.mean(dim=0), hidden.var(dim=0, correction=0)
            input_means.append(full_mean)
            input_vars.append(full_var)
            mean_gap = (layer.running_mean - full_mean).abs().mean()
            var_ratio = (layer.running_var / full_var).median()
            print(
                f"BatchNorm({len(full_mean)}): 이동 평균 − 전체 평균 |Δ|"
                f" 평균 {mean_gap:.4f}"
                f", 이동 분산 / 전체 분산 중앙값 {var_ratio:.4f}"
            )
            print(
                f"  갱신 횟수 num_batches_tracked = {layer.num_batches_tracked.item()}"
            )
        hidden = layer(hidden)
print(
    f"불편 분산의 보정 n/(n − 1) = {BATCH_SIZE / (BATCH_SIZE - 1):.4f} (n = 배치 크기)"
)
# --8<-- [end:stats]

# --8<-- [start:evaluate]
from sklearn.metrics import confusion_matrix

test_logits, test_accuracy = evaluate(x_test, y_test)  # eval() + no_grad()
predictions = test_logits.argmax(dim=1).numpy()
labels = y_test.numpy()
n_correct = int(np.sum(predictions == labels))
print(f"평가 정확도 {test_accuracy:.4f} ({n_correct}/{len(labels)})")
print("예측:", predictions[:15])
print("정답:", labels[:15])

matrix = confusion_matrix(labels, predictions)
fig, ax = plt.subplots(figsize=(4.4, 3.8))
image = ax.imshow(matrix, cmap="Blues")
fig.colorbar(image, ax=ax, label="샘플 수")
ax.set(xlabel="예측", ylabel="정답", title="PyTorch: 혼동 행렬 (평가 데이터)")
ax.set_xticks(range(10))
ax.set_yticks(range(10))
fig.tight_layout()
plt.show()
# --8<-- [end:evaluate]

# --8<-- [start:mistakes]
probabilities = torch.softmax(test_logits, dim=1).numpy()  # 로짓 → 확률
wrong = np.flatnonzero(predictions != labels)
confidence = probabilities[wrong, predictions[wrong]]  # 틀린 예측에 건 확률
print("틀린 평가 샘플:", len(wrong), "개, 번호", wrong)
print("틀린 예측의 확률:", np.round(confidence, 2))
right = probabilities[predictions == labels].max(axis=1)
print(f"맞힌 예측의 확률: 평균 {right.mean():.2f}")
fig, axes = plt.subplots(1, 6, figsize=(6.2, 1.8))
for ax, index, p in zip(axes, wrong, confidence):
    ax.imshow(x_test[index].numpy(), cmap="gray_r")
    ax.set_title(f"{labels[index]} → {predictions[index]}\n{p:.0%}", fontsize=9)
for ax in axes:
    ax.axis("off")
fig.suptitle("PyTorch가 틀린 숫자 (정답 → 예측, 예측의 확률)", fontsize=10)
fig.tight_layout()
plt.show()
# --8<-- [end:mistakes]

# --8<-- [start:modes]
# 평가 때 eval()을 잊는 실수: no_grad() 안이어도 학습 모드로 동작합니다
from data import N_TEST

model.train()
running_before = bn_layers[0].running_mean.clone()
with torch.no_grad():
    train_mode_logits = model(x_test)
train_mode_accuracy = (train_mode_logits.argmax(dim=1) == y_test).sum().item() / N_TEST
moving_shift = bn_layers[0].running_mean - running_before
print(f"eval() + no_grad():  정확도 {test_accuracy:.4f}")
print(f"train() + no_grad(): 정확도 {train_mode_accuracy:.4f}")
print(f"  그 사이 첫 BatchNorm의 이동 평균 변화: 최대 {moving_shift.abs().max():.4f}")
# --8<-- [end:modes]

# --8<-- [start:exercise-momentum]
# 연습 문제 1: Keras의 momentum=0.9를 PyTorch에 숫자 그대로 옮기면?
pixels = x_train.reshape(len(x_train), -1)
for momentum in (0.1, 0.9):  # 0.1이 올바른 변환 (1 − 0.9)
    layer = nn.BatchNorm1d(N_FEATURES, momentum=momentum, eps=BN_EPSILON)
    for batch in pixels[EPOCH_ORDERS[0]].reshape(-1, BATCH_SIZE, pixels.shape[1]):
        layer(batch)  # 미니배치 45개로 이동 통계를 갱신 (학습 모드)
    gap = (layer.running_mean - pixels.mean(dim=0)).abs().max()
    last_gap = (layer.running_mean - batch.mean(dim=0)).abs().max()
    print(
        f"momentum={momentum}: 전체 평균과의 차이 {gap:.4f}"
        f", 마지막 배치 평균과의 차이 {last_gap:.4f}"
    )
# --8<-- [end:exercise-momentum]

# --8<-- [start:exercise-init]
# 연습 문제 2: PyTorch의 기본 초기화가 뽑는 범위를 확인합니다
fresh = nn.Linear(64, 128)  # reset_parameters가 kaiming_uniform_(a=√5)를 씁니다
w, b = fresh.weight.detach(), fresh.bias.detach()
gain = nn.init.calculate_gain("leaky_relu", math.sqrt(5))  # √(2 / (1 + a²))
bound = gain * math.sqrt(3 / 64)  # kaiming_uniform_의 범위 = 1/√64
print(
    f"gain {gain:.4f} → 범위 gain·√(3/64) = ±{bound:.4f}, 최대 |w| {w.abs().max():.4f}"
)
print(f"표준편차 {w.std():.4f} (이론 1/√(3·64) = {1 / math.sqrt(3 * 64):.4f})")
print(f"bias 최대 |b| {b.abs().max():.4f} (범위 ±{1 / math.sqrt(64):.4f})")
# --8<-- [end:exercise-init]

# --8<-- [start:exercise-dropout]
# 연습 문제 3: 1/(1 − p)로 키우지 않으면 평가 때의 출력과 평균이 어긋납니다
trained_linear = linears[0]  # 학습을 마친 첫 Linear 층 (선형)
sample = x_test[:1].reshape(1, -1)  # 평가 이미지 한 장의 픽셀 64개
dropout.train()  # dropout 섹션에서 eval()로 바꿔 두었습니다
with torch.no_grad():
    reference = trained_linear(sample)  # Dropout 없이
    inverted = dropout(sample.repeat(20000, 1))  # 남은 값 × 1/(1 − p)
    plain = inverted * (1 - DROPOUT_RATE)  # 키우지 않은 드롭아웃
    for name, x in (("1/(1 − p)로 키움", inverted), ("키우지 않음", plain)):
        mean_out = trained_linear(x).mean(dim=0)
        ratio = (mean_out * reference).sum() / (reference**2).sum()
        print(f"{name}: 학습 모드 출력 평균 ≈ 평가 모드 출력 × {ratio:.3f}")
# --8<-- [end:exercise-dropout]
