# CNN 기초 — PyTorch 2
# 실행: python pytorch_code.py   (섹션 이름은 tensorflow_code.py와 같습니다)

# --8<-- [start:data]
import numpy as np
import torch
from torch import nn

from data import (
    BATCH_SIZE,
    EPOCH_ORDERS,
    STEPS_PER_EPOCH,
    X_TEST,
    X_TRAIN,
    Y_TEST,
    Y_TRAIN,
)

torch.manual_seed(0)

# PyTorch는 채널을 배치 바로 뒤에 둡니다: (N, 채널, 높이, 너비) = NCHW
x_train = torch.from_numpy(X_TRAIN).unsqueeze(1)  # (N, 8, 8) → (N, 1, 8, 8)
x_test = torch.from_numpy(X_TEST).unsqueeze(1)
y_train = torch.from_numpy(Y_TRAIN)  # int64 클래스 번호
y_test = torch.from_numpy(Y_TEST)
print("학습:", tuple(x_train.shape), x_train.dtype, "/ 평가:", tuple(x_test.shape))

# NHWC 배열을 받았다면 축 순서를 바꿉니다: (N, H, W, C) → (N, C, H, W)
nhwc = torch.from_numpy(X_TRAIN[..., np.newaxis])
nchw = nhwc.permute(0, 3, 1, 2)
print("NHWC", tuple(nhwc.shape), "→ permute(0, 3, 1, 2) →", tuple(nchw.shape))
print("x_train과 같은가:", torch.equal(nchw, x_train))

# 배치는 학습 루프에서 data.py가 정한 에포크별 순서대로 직접 자릅니다 (train 절)
first = torch.from_numpy(EPOCH_ORDERS[0, :BATCH_SIZE])
images, labels = x_train[first], y_train[first]
print("첫 배치:", tuple(images.shape), tuple(labels.shape))
print("에포크당 배치 수:", STEPS_PER_EPOCH)
# --8<-- [end:data]

# --8<-- [start:conv-layer]
# Keras처럼 (출력 채널, 커널 크기)만 적으면: 16이 입력 채널, 3이 출력 채널이 되고
# kernel_size가 빠졌다는 오류가 납니다
try:
    nn.Conv2d(16, 3)
except TypeError as err:
    print(f"{type(err).__name__}: {err}")

conv = nn.Conv2d(1, 16, 3, padding="same")  # 입력 채널, 출력 채널, 커널 크기
feature = conv(x_train[:2])
print("weight:", tuple(conv.weight.shape), "= (출력 채널, 입력 채널, kh, kw)")
print("bias:", tuple(conv.bias.shape))
print("출력:", tuple(feature.shape), "= (N, C, H, W)")
# --8<-- [end:conv-layer]


# --8<-- [start:padding]
def same_padding(n, k, s):
    """TF의 'same'이 한 축에 덧대는 (앞, 뒤) 칸 수. 홀수 칸이 남으면 뒤에 하나 더."""
    out = -(-n // s)  # ceil(n / s)
    total = max((out - 1) * s + k - n, 0)
    return total // 2, total - total // 2


try:
    nn.Conv2d(1, 16, 3, stride=2, padding="same")
except ValueError as err:
    print(f"{type(err).__name__}: {err}")
try:
    nn.MaxPool2d(2, padding="same")(x_train[:1])  # 만들 때는 통과, 부를 때 오류
except TypeError as err:
    print(f"{type(err).__name__}: {err}")

x = x_train[:8]
# 'same'과 같게 하려면 덧댈 칸을 직접 계산합니다: 8×8, k=3, s=2 → (앞 0, 뒤 1)
top, bottom = same_padding(8, 3, 2)
strided = nn.Sequential(
    nn.ZeroPad2d((top, bottom, top, bottom)),  # (왼쪽, 오른쪽, 위, 아래)
    nn.Conv2d(1, 16, 3, stride=2),  # padding=0
)
# padding=1은 양쪽에 한 칸씩: 출력 크기는 같지만 덧댄 자리가 다릅니다
symmetric = nn.Conv2d(1, 16, 3, stride=2, padding=1)
strided_out = strided(x)
print("ZeroPad2d + Conv2d: 8 →", strided_out.shape[-1], "/ 덧댄 칸:", (top, bottom))
print("Conv2d(padding=1):  8 →", symmetric(x).shape[-1], "/ 덧댄 칸: (1, 1)")

# 끝에만 덧대는 'same' 풀링은 ceil_mode=True와 같습니다 (모자란 창은 있는 값만 봅니다)
pool = nn.MaxPool2d(2, ceil_mode=True)
pooled = pool(x[:, :, :7, :7])  # 7×7 입력
print("MaxPool2d(2, ceil_mode=True): 7 →", pooled.shape[-1])
# --8<-- [end:padding]


# --8<-- [start:output-size]
def pool_output_size(n, k, s=None, p=0, ceil_mode=False):
    """⌊(n + 2p − k) / s⌋ + 1. ceil_mode=True면 올림하되, 마지막 창이
    덧댄 칸에서만 시작하면 그 창은 버립니다."""
    s = k if s is None else s  # stride의 기본값은 kernel_size
    span = n + 2 * p - k
    out = (-(-span // s) if ceil_mode else span // s) + 1
    if ceil_mode and (out - 1) * s >= n + p:
        out -= 1
    return out


cases = [  # (입력 크기, 커널, stride, padding, ceil_mode)
    (24, 2, 3, 0, False),
    (24, 2, 3, 0, True),
    (25, 2, 3, 0, False),
    (25, 2, 3, 0, True),
    (28, 3, 1, 1, False),
    (28, 3, None, 0, False),  # stride를 적지 않으면 kernel_size
]
sizes = []
for n, k, s, p, ceil in cases:
    layer = nn.MaxPool2d(k, stride=s, padding=p, ceil_mode=ceil)
    sizes.append(layer(torch.zeros(1, 1, n, n)).shape[-1])
    formula = pool_output_size(n, k, s, p, ceil)
    print(
        f"n={n} k={k} s={s} p={p} ceil_mode={ceil!s:>5} → {sizes[-1]} (공식 {formula})"
    )
print("MaxPool2d(3)의 stride:", nn.MaxPool2d(3).stride)
# --8<-- [end:output-size]

# --8<-- [start:model]
from data import DROPOUT, FILTERS, HEIGHT, KERNEL_SIZE, N_CLASSES, WIDTH


def build_model():
    return nn.Sequential(
        nn.Conv2d(1, FILTERS[0], KERNEL_SIZE, padding="same"),
        nn.ReLU(),
        nn.MaxPool2d(2),  # 8×8 → 4×4
        nn.Conv2d(FILTERS[0], FILTERS[1], KERNEL_SIZE, padding="same"),
        nn.ReLU(),
        nn.MaxPool2d(2),  # 4×4 → 2×2
        nn.Flatten(),  # (N, 32, 2, 2) → (N, 128)
        nn.Dropout(DROPOUT),
        nn.Linear(FILTERS[1] * 2 * 2, N_CLASSES),  # 입력 크기를 직접 계산해 적습니다
    )


model = build_model()
print(model)
print("파라미터 수:", sum(p.numel() for p in model.parameters()))
# 층마다 출력 모양을 보려면 입력 하나를 직접 통과시킵니다
x = torch.zeros(1, 1, HEIGHT, WIDTH)
for layer in model:
    x = layer(x)
    print(f"{type(layer).__name__:>9} → {tuple(x.shape)}")
# --8<-- [end:model]

# --8<-- [start:flatten]
from data import POSITION_CODE

# 같은 값을 NCHW (1, 3, 2, 2)로 놓고 펼치면 열이 가장 빨리 바뀝니다
codes = torch.from_numpy(POSITION_CODE).permute(2, 0, 1).unsqueeze(0)
flat = nn.Flatten()(codes)
print("입력:", tuple(codes.shape), "→ Flatten:", tuple(flat.shape))
print(flat[0].int().numpy())
# Keras와 같은 순서로 펼치려면 채널을 맨 뒤로 보낸 다음 펼칩니다
flat_like_keras = codes.permute(0, 2, 3, 1).flatten(1)
print(flat_like_keras[0].int().numpy())
# --8<-- [end:flatten]

# --8<-- [start:lazy]
# LazyLinear는 in_features를 비워 두었다가 처음 입력을 받을 때 정합니다
head = nn.LazyLinear(N_CLASSES)
print("만든 직후:", head)
features = model[:-2]  # 합성곱 부분 (Flatten까지)
with torch.no_grad():
    head(features(x_train[:1]))
print("처음 호출한 뒤:", head)
# 더미 입력을 한 번 통과시켜 크기를 읽는 방법도 있습니다
with torch.no_grad():
    dummy = features(torch.zeros(1, 1, HEIGHT, WIDTH))
print("더미 입력의 Flatten 출력:", tuple(dummy.shape))
in_features = head.in_features
# --8<-- [end:lazy]

# --8<-- [start:optimizer]
import torch.nn.functional as F

from data import LEARNING_RATE, MOMENTUM

loss_fn = nn.CrossEntropyLoss()  # 로짓을 받습니다 (log_softmax + nll_loss)
optimizer = torch.optim.SGD(model.parameters(), lr=LEARNING_RATE, momentum=MOMENTUM)

model.eval()  # 드롭아웃을 끄고 첫 배치의 손실만 잽니다
with torch.no_grad():
    logits = model(x_train[:BATCH_SIZE])
model.train()
start_loss = loss_fn(logits, y_train[:BATCH_SIZE]).item()
nll = F.nll_loss(F.log_softmax(logits, dim=1), y_train[:BATCH_SIZE]).item()
print(f"첫 배치의 손실 {start_loss:.4f}  (ln 10 = {np.log(10):.4f})")
print(f"log_softmax + nll_loss로 계산하면 {nll:.4f}")


def train_step(x, y):
    """미니배치 하나로 한 번 갱신하고 갱신 전의 손실을 돌려줍니다."""
    optimizer.zero_grad()
    loss = loss_fn(model(x), y)
    loss.backward()
    optimizer.step()
    return loss.item()


# --8<-- [end:optimizer]

# --8<-- [start:train]
from data import EPOCHS

losses, val_losses, val_accuracies = [], [], []
for epoch in range(EPOCHS):
    model.train()  # 드롭아웃 켜기
    total = 0.0
    for start in range(0, len(x_train), BATCH_SIZE):
        idx = torch.from_numpy(EPOCH_ORDERS[epoch, start : start + BATCH_SIZE])
        total += train_step(x_train[idx], y_train[idx]) * len(idx)
    losses.append(total / len(x_train))  # fit의 기록처럼 배치 크기로 가중한 평균
    model.eval()  # 드롭아웃 끄기
    with torch.no_grad():
        logits = model(x_test)
    val_losses.append(loss_fn(logits, y_test).item())
    val_accuracies.append((logits.argmax(dim=1) == y_test).float().mean().item())
for epoch in (1, 2, 5, 10, EPOCHS):
    i = epoch - 1
    print(
        f"epoch {epoch:2d}  loss {losses[i]:.4f}  "
        f"평가 loss {val_losses[i]:.4f}  평가 정확도 {val_accuracies[i]:.4f}"
    )

# --8<-- [end:train]

# --8<-- [start:evaluate]
import matplotlib.pyplot as plt

model.eval()  # 드롭아웃 끄기
with torch.no_grad():
    test_logits = model(x_test)
predictions = test_logits.argmax(dim=1).numpy()
test_accuracy = float(np.mean(predictions == Y_TEST))
print(f"평가 정확도 {test_accuracy:.4f}  ({np.sum(predictions != Y_TEST)}개 틀림)")
print("예측:", predictions[:12])
print("정답:", Y_TEST[:12])

# 첫 합성곱 층이 배운 3×3 필터 16개: weight (16, 1, 3, 3)
kernel = model[0].weight.detach().numpy()[:, 0]
fig, axes = plt.subplots(2, 8, figsize=(6.4, 2.2))
limit = np.abs(kernel).max()
for i, ax in enumerate(axes.flat):
    image = ax.imshow(kernel[i], cmap="RdBu_r", vmin=-limit, vmax=limit)
    ax.set_title(str(i), fontsize=9)
    ax.set_axis_off()
fig.colorbar(image, ax=axes, shrink=0.8)
fig.suptitle("PyTorch: 첫 Conv2d의 필터 (weight[i, 0])", fontsize=10)
plt.show()
# --8<-- [end:evaluate]

# --8<-- [start:exercise-mnist]
# 연습 문제 1: 28×28 입력에서 원본 예제의 두 모델이 Flatten에 넘기는 크기
for padding in ("same", 0):
    mnist_features = nn.Sequential(
        nn.Conv2d(1, 10, 5, padding=padding),
        nn.ReLU(),
        nn.MaxPool2d(2),
        nn.Conv2d(10, 20, 5, padding=padding),
        nn.ReLU(),
        nn.MaxPool2d(2),
        nn.Flatten(),
    )
    x = torch.zeros(1, 1, 28, 28)  # 더미 입력
    shapes = []
    for layer in mnist_features:
        x = layer(x)
        if not isinstance(layer, nn.ReLU):
            shapes.append(tuple(x.shape[1:]))
    print(f"{padding!s:>4}:", " → ".join(map(str, shapes)))
# --8<-- [end:exercise-mnist]

# --8<-- [start:exercise-stride]
# 연습 문제 2: padding=1이 TF의 'same'과 같아지는 입력 크기는?
for n in (7, 8):
    before, after = same_padding(n, 3, 2)
    same_like_tf = nn.Sequential(
        nn.ZeroPad2d((before, after, before, after)), nn.Conv2d(1, 4, 3, stride=2)
    )
    symmetric = nn.Conv2d(1, 4, 3, stride=2, padding=1)
    symmetric.load_state_dict(same_like_tf[1].state_dict())  # 같은 가중치
    image = torch.rand(1, 1, n, n)
    with torch.no_grad():
        gap = (same_like_tf(image) - symmetric(image)).abs().max().item()
    print(f"n={n}: 덧댄 칸 {(before, after)}, padding=1과의 최대 차이 {gap:.4f}")
# --8<-- [end:exercise-stride]
