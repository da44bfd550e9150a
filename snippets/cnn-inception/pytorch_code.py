# 복잡한 CNN (Inception 블록) — PyTorch 2
# 실행: python pytorch_code.py   (섹션 이름은 tensorflow_code.py와 같습니다)

# --8<-- [start:data]
import numpy as np
import torch
import torch.nn.functional as F
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

x_train = torch.from_numpy(X_TRAIN).unsqueeze(1)  # NCHW (N, 1, 8, 8)
x_test = torch.from_numpy(X_TEST).unsqueeze(1)
y_train, y_test = torch.from_numpy(Y_TRAIN), torch.from_numpy(Y_TEST)

# 배치는 학습 루프에서 data.py가 정한 에포크별 순서대로 자릅니다
first = torch.from_numpy(EPOCH_ORDERS[0, :BATCH_SIZE])
images, labels = x_train[first], y_train[first]
print("학습:", tuple(x_train.shape), "/ 첫 배치:", tuple(images.shape))
print("에포크당 배치 수:", STEPS_PER_EPOCH)
# --8<-- [end:data]


# --8<-- [start:padding]
def same_padding(n, k, s=1):
    """TF의 'same'이 한 축에 덧대는 (앞, 뒤) 칸 수. 홀수 칸이 남으면 뒤에 하나 더."""
    out = -(-n // s)
    total = max((out - 1) * s + k - n, 0)
    return total // 2, total - total // 2


import warnings

from data import RAMP

ramp = torch.from_numpy(RAMP)[None, None]  # (1, 1, 4, 4), 값 1–16
# 2×2 커널, 가중치 1: 출력은 창 안 네 값의 합입니다
even = nn.Conv2d(1, 1, 2, padding="same", bias=False)
nn.init.ones_(even.weight)
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    even_out = even(ramp)
print("경고:", str(caught[0].message).split(" (")[0])
print("Conv2d(2×2, padding='same'):")
print(even_out[0, 0].int().numpy())

# 숫자 padding은 양쪽에 같은 칸을 덧대므로 크기부터 달라집니다
symmetric = nn.Conv2d(1, 1, 2, padding=1, bias=False)
print("Conv2d(2×2, padding=1) 출력 크기:", tuple(symmetric(ramp).shape[-2:]))
# TF와 같은 자리에 직접 덧대기: (왼쪽, 오른쪽, 위, 아래)
before, after = same_padding(4, 2)
explicit = nn.Sequential(
    nn.ZeroPad2d((before, after, before, after)), nn.Conv2d(1, 1, 2, bias=False)
)
nn.init.ones_(explicit[1].weight)
explicit_out = explicit(ramp)
print("ZeroPad2d", (before, after, before, after), "+ Conv2d와 같은가:")
print(torch.equal(explicit_out, even_out))

# 3×3 평균 풀링: 기본값은 덧댄 0까지 세어 나눕니다
ones = torch.ones(1, 1, 4, 4)
counted = nn.AvgPool2d(3, stride=1, padding=1)(ones)
average = nn.AvgPool2d(3, stride=1, padding=1, count_include_pad=False)
average_out = average(ones)
print("AvgPool2d(3, padding=1), 입력이 모두 1:")
print(counted[0, 0].numpy().round(3))
print("count_include_pad=False:")
print(average_out[0, 0].numpy().round(3))
# --8<-- [end:padding]

# --8<-- [start:block]
from data import BLOCK_OUT, BRANCH, REDUCE


class InceptionBlock(nn.Module):
    def __init__(self, in_channels):
        super().__init__()
        self.branch1x1 = nn.Conv2d(in_channels, REDUCE, 1)
        self.branch5x5_reduce = nn.Conv2d(in_channels, REDUCE, 1)
        self.branch5x5 = nn.Conv2d(REDUCE, BRANCH, 5, padding="same")
        self.branch3x3_reduce = nn.Conv2d(in_channels, REDUCE, 1)
        self.branch3x3a = nn.Conv2d(REDUCE, BRANCH, 3, padding="same")
        self.branch3x3b = nn.Conv2d(BRANCH, BRANCH, 3, padding="same")
        # Keras의 'same' 평균 풀링과 같게: 덧댄 칸은 세지 않습니다
        self.pool = nn.AvgPool2d(3, stride=1, padding=1, count_include_pad=False)
        self.branch_pool = nn.Conv2d(in_channels, BRANCH, 1)

    def forward(self, x):
        branches = [
            self.branch1x1(x),
            self.branch5x5(self.branch5x5_reduce(x)),
            self.branch3x3b(self.branch3x3a(self.branch3x3_reduce(x))),
            self.branch_pool(self.pool(x)),
        ]
        return torch.cat(branches, dim=1)  # NCHW의 채널 축은 1번 축입니다


block_demo = InceptionBlock(10)  # 입력 채널 수를 적습니다
block_out = block_demo(torch.zeros(1, 10, 4, 4))
print("블록 출력:", tuple(block_out.shape), f"= {REDUCE} + 3·{BRANCH} = {BLOCK_OUT}")
print("블록 파라미터 수:", sum(p.numel() for p in block_demo.parameters()))
# --8<-- [end:block]

# --8<-- [start:model]
from data import CONV1, CONV2, HEIGHT, N_CLASSES, WIDTH


class InceptionNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, CONV1, 3, padding="same")
        self.pool = nn.AvgPool2d(2)  # 8×8 → 4×4
        self.inc1 = InceptionBlock(CONV1)
        self.conv2 = nn.Conv2d(BLOCK_OUT, CONV2, 3, padding="same")
        self.inc2 = InceptionBlock(CONV2)
        self.fc = nn.LazyLinear(N_CLASSES)  # 입력 크기는 첫 순전파에서 정해집니다

    def features(self, x):
        x = self.inc1(self.pool(F.silu(self.conv1(x))))  # ACTIVATION = "silu"
        x = self.inc2(F.silu(self.conv2(x)))
        return x.flatten(1)  # (N, 88, 4, 4) → (N, 1408)

    def forward(self, x):
        return self.fc(self.features(x))


model = InceptionNet()
try:  # LazyLinear의 가중치는 아직 모양이 없습니다
    sum(p.numel() for p in model.parameters())
except ValueError as err:
    print(f"{type(err).__name__}: {str(err).split('. ')[0]}")
with torch.no_grad():
    model(torch.zeros(1, 1, HEIGHT, WIDTH))  # 더미 입력으로 LazyLinear를 초기화
print("파라미터 수:", sum(p.numel() for p in model.parameters()))


def keras_like_init(module):
    """Keras의 기본값과 같은 분포: kernel은 glorot_uniform, bias는 0."""
    if isinstance(module, (nn.Conv2d, nn.Linear)):
        nn.init.xavier_uniform_(module.weight)
        nn.init.zeros_(module.bias)


model.apply(keras_like_init)  # 모든 하위 모듈에 차례로 적용합니다
print(model.inc2)
# --8<-- [end:model]

# --8<-- [start:flatten-size]
# 원본 글이 남긴 질문: Linear(1408, 10)의 1408을 자동으로 얻으려면?
# (1) 공식: 8×8 → 풀링 한 번 → 4×4, 채널 88
print("공식:", f"{BLOCK_OUT}·4·4 =", BLOCK_OUT * 4 * 4)
# (2) 더미 입력을 features에 통과시켜 모양을 읽습니다
with torch.no_grad():
    flat = model.features(torch.zeros(1, 1, HEIGHT, WIDTH))
print("더미 입력:", tuple(flat.shape))
# (3) LazyLinear가 첫 순전파에서 정한 값
print("LazyLinear →", model.fc)
in_features = model.fc.in_features
# --8<-- [end:flatten-size]

# --8<-- [start:subclass]
# PyTorch의 모델은 언제나 nn.Module 서브클래스입니다. 층은 __init__에서,
# 계산은 forward에서. 파라미터 이름은 __init__에서 붙인 속성 이름입니다.
names = [name for name, _ in model.named_parameters()]
print("파라미터 텐서:", len(names), "개")
print(names[:3], "...", names[-2:])
children = [name for name, _ in model.named_children()]
print("직속 모듈:", children)
# --8<-- [end:subclass]

# --8<-- [start:optimizer]
from data import LEARNING_RATE, MOMENTUM

loss_fn = nn.CrossEntropyLoss()
# LazyLinear가 초기화된 뒤에 옵티마이저를 만듭니다
optimizer = torch.optim.SGD(model.parameters(), lr=LEARNING_RATE, momentum=MOMENTUM)
with torch.no_grad():
    start_loss = loss_fn(model(images), labels).item()
print(f"첫 배치의 손실 {start_loss:.4f}")


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
    model.train()
    total = 0.0
    for start in range(0, len(x_train), BATCH_SIZE):
        idx = torch.from_numpy(EPOCH_ORDERS[epoch, start : start + BATCH_SIZE])
        total += train_step(x_train[idx], y_train[idx]) * len(idx)
    losses.append(total / len(x_train))  # fit처럼 배치 크기로 가중한 평균
    model.eval()
    with torch.no_grad():
        logits = model(x_test)
    val_losses.append(loss_fn(logits, y_test).item())
    val_accuracies.append((logits.argmax(dim=1) == y_test).float().mean().item())
for epoch in (1, 2, 5, EPOCHS):
    i = epoch - 1
    print(
        f"epoch {epoch:2d}  loss {losses[i]:.4f}  "
        f"평가 loss {val_losses[i]:.4f}  평가 정확도 {val_accuracies[i]:.4f}"
    )
# --8<-- [end:train]

# --8<-- [start:evaluate]
import itertools

import matplotlib.pyplot as plt

model.eval()
with torch.no_grad():
    test_logits = model(x_test)
    # 둘째 블록의 출력 (N, 88, 4, 4): features의 마지막 펼치기 직전
    block_out = model.features(x_test).reshape(-1, BLOCK_OUT, 4, 4).numpy()
predictions = test_logits.argmax(dim=1).numpy()
test_accuracy = float(np.mean(predictions == Y_TEST))
print(f"평가 정확도 {test_accuracy:.4f}  ({np.sum(predictions != Y_TEST)}개 틀림)")
print("예측:", predictions[:12])
print("정답:", Y_TEST[:12])

edges = np.cumsum([0, REDUCE, BRANCH, BRANCH, BRANCH])  # 가지의 채널 경계
branch_means = np.array(
    [
        [
            np.abs(block_out[Y_TEST == d][:, a:b]).mean()
            for a, b in itertools.pairwise(edges)
        ]
        for d in range(N_CLASSES)
    ]
)
fig, ax = plt.subplots(figsize=(4.2, 3.6))
image = ax.imshow(branch_means, cmap="viridis", aspect="auto")
ax.set_xticks(range(4), ["1×1", "5×5", "3×3 두 번", "풀링"])
ax.set_yticks(range(N_CLASSES))
ax.set_ylabel("정답 숫자")
ax.set_title("PyTorch: 둘째 블록, 가지별 |출력| 평균", fontsize=10)
fig.colorbar(image, ax=ax)
fig.tight_layout()
plt.show()
# --8<-- [end:evaluate]

# --8<-- [start:exercise-mnist]
# 연습 문제 1: 원래 예제처럼 28×28 입력, 5×5 'valid' 합성곱, 풀링 두 번이면?
mnist_conv1, mnist_conv2 = nn.Conv2d(1, 10, 5), nn.Conv2d(BLOCK_OUT, 20, 5)
mnist_inc1, mnist_inc2 = InceptionBlock(10), InceptionBlock(20)
with torch.no_grad():
    x = torch.zeros(1, 1, 28, 28)  # 더미 입력
    x = mnist_inc1(F.max_pool2d(F.relu(mnist_conv1(x)), 2))  # 24 → 12
    x = mnist_inc2(F.max_pool2d(F.relu(mnist_conv2(x)), 2))  # 8 → 4
print("28×28 입력의 Flatten:", tuple(x.shape), "→", tuple(x.flatten(1).shape))
# --8<-- [end:exercise-mnist]
