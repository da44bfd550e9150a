# 소프트맥스 분류 — PyTorch 2
# 실행: python pytorch_code.py   (섹션 이름은 tensorflow_code.py와 같습니다)

# --8<-- [start:data]
import torch
import torch.nn.functional as F
from torch import nn

from data import SEED, X_TEST, X_TRAIN, Y_TEST, Y_TRAIN

torch.manual_seed(SEED)

# 학습 데이터 120개 전체를 배치 하나로 쓰므로 DataLoader 없이 텐서를 그대로 씁니다
x_train, x_test = torch.from_numpy(X_TRAIN), torch.from_numpy(X_TEST)
# CrossEntropyLoss는 클래스 번호를 int64(torch.long)로 받습니다
y_train, y_test = torch.from_numpy(Y_TRAIN), torch.from_numpy(Y_TEST)
dtype = str(y_train.dtype).removeprefix("torch.")
x_dtype = str(x_train.dtype).removeprefix("torch.")
print("특징:", tuple(x_train.shape), x_dtype, "/ 평가:", tuple(x_test.shape))
print("레이블:", tuple(y_train.shape), dtype, "→", y_train[:8].numpy())
print("클래스별 개수 (학습):", torch.bincount(y_train).tolist())
print("클래스별 개수 (평가):", torch.bincount(y_test).tolist())
# --8<-- [end:data]

# --8<-- [start:model]
import copy

from data import N_CLASSES, N_FEATURES

# nn.Linear(4, 3): 클래스마다 로짓 하나
model = nn.Linear(N_FEATURES, N_CLASSES)
initial_state = copy.deepcopy(model.state_dict())  # 연습 문제에서 같은 출발점으로
print("weight:", tuple(model.weight.shape), "/ bias:", tuple(model.bias.shape))
print("파라미터 수:", sum(p.numel() for p in model.parameters()))
with torch.no_grad():
    logits = model(x_train[:2])
print("로짓:\n", logits.numpy().round(4))
probs = torch.softmax(logits, dim=1)  # 행마다 합이 1인 확률 (dim을 꼭 적습니다)
print("소프트맥스:\n", probs.numpy().round(4))
print("행의 합:", probs.sum(dim=1).numpy().round(4))
# --8<-- [end:model]

# --8<-- [start:loss]
# 클래스 번호를 받는 교차 엔트로피. 인자 순서: (예측, 정답)
loss_fn = nn.CrossEntropyLoss()
logits = model(x_train).detach().requires_grad_()  # 로짓에 대한 기울기를 보려고
loss = loss_fn(logits, y_train)
print(f"CrossEntropyLoss:              {loss.item():.6f}")

# CrossEntropyLoss = LogSoftmax + NLLLoss
log_probs = nn.LogSoftmax(dim=1)(logits)  # (120, 3)
by_parts = nn.NLLLoss()(log_probs, y_train)  # 정답 칸의 값에 -를 붙여 평균
print(f"LogSoftmax + NLLLoss:          {by_parts.item():.6f}")
by_hand = -log_probs[torch.arange(len(y_train)), y_train].mean()
print(f"-mean(log_softmax[정답]):      {by_hand.item():.6f}")

# 로짓에 대한 기울기 = (소프트맥스 − one-hot) / N
(grad_logits,) = torch.autograd.grad(loss, logits)
one_hot = F.one_hot(y_train, N_CLASSES)
formula = (torch.softmax(logits, dim=1) - one_hot) / len(y_train)
print("기울기 첫 행:", grad_logits.numpy()[0].round(6))
print("공식 첫 행:  ", formula.detach().numpy()[0].round(6))
# --8<-- [end:loss]

# --8<-- [start:labels]
# CrossEntropyLoss의 클래스 번호는 int64(또는 uint8)여야 합니다
logits = logits.detach()
label_losses = {}
for dtype in (torch.int64, torch.int32, torch.uint8, torch.float32):
    name = str(dtype).removeprefix("torch.")
    try:
        label_losses[name] = loss_fn(logits, y_train.to(dtype)).item()
        print(f"레이블 {name:>7}: 손실 {label_losses[name]:.6f}")
    except RuntimeError as err:
        print(f"레이블 {name:>7}: 손실을 계산하지 못합니다")
        print(f"{type(err).__name__}: {err}")
# --8<-- [end:labels]

# --8<-- [start:onehot]
from data import LABEL_SMOOTHING

one_hot_train = F.one_hot(y_train, N_CLASSES)  # (120, 3) int64
print("F.one_hot:", tuple(one_hot_train.shape), one_hot_train.dtype)
print("앞 두 줄:", one_hot_train[:2].tolist())

# 실수 타깃 (N, 3)은 '클래스별 확률'로 읽습니다. 정수 그대로는 오류이므로 float으로
dense_value = loss_fn(logits, one_hot_train.float()).item()
print(f"확률 타깃의 CrossEntropyLoss: {dense_value:.6f}")

# 레이블 스무딩은 클래스 번호에도, 확률 타깃에도 쓸 수 있습니다
smooth_ce = nn.CrossEntropyLoss(label_smoothing=LABEL_SMOOTHING)
smoothed = smooth_ce(logits, y_train).item()
print(f"label_smoothing={LABEL_SMOOTHING}: {smoothed:.6f}")
# --8<-- [end:onehot]

# --8<-- [start:pitfalls]
# 앞 5개 샘플을 아주 자신 있게 맞힌 로짓: 정답 칸만 10
labels5 = y_train[:5]
confident = 10.0 * F.one_hot(labels5, N_CLASSES).float()
right = loss_fn(confident, labels5)
print(f"로짓을 로짓 자리에:               {right.item():.4f}")

# 확률을 로짓 자리에 넣으면 소프트맥스가 두 번 걸립니다. PyTorch는 되찾지 않습니다
twice = loss_fn(torch.softmax(confident, dim=1), labels5)
print(f"softmax 확률을 로짓 자리에:       {twice.item():.4f}")

# NLLLoss에 log_softmax를 빼먹고 로짓을 넣으면: -로짓의 평균, 음수가 됩니다
forgot_log = nn.NLLLoss()(confident, labels5)
print(f"NLLLoss에 로짓을 그대로:          {forgot_log.item():.4f}")
print(f"NLLLoss에 로짓을 그대로 (본 모델): {nn.NLLLoss()(logits, y_train).item():.4f}")
# --8<-- [end:pitfalls]

# --8<-- [start:step]
from data import LEARNING_RATE

optimizer = torch.optim.SGD(model.parameters(), lr=LEARNING_RATE)


def train_step(x, y):
    """전체 배치로 한 번 갱신하고, 갱신 전의 손실과 로짓을 돌려줍니다."""
    logits = model(x)
    loss = loss_fn(logits, y)
    optimizer.zero_grad()  # .grad는 누적되므로 매번 비웁니다
    loss.backward()
    optimizer.step()
    return loss.item(), logits.detach()


with torch.no_grad():
    print(f"학습 전 손실: {loss_fn(model(x_train), y_train).item():.4f}")
# --8<-- [end:step]

# --8<-- [start:train]
from data import EPOCHS

losses, accuracies = [], []
for _ in range(EPOCHS):
    loss, logits = train_step(x_train, y_train)
    losses.append(loss)
    # 갱신 전 로짓으로 센 정확도 (fit의 기록과 같은 시점)
    accuracies.append((logits.argmax(dim=1) == y_train).float().mean().item())
for epoch, (loss, accuracy) in enumerate(zip(losses, accuracies), start=1):
    if epoch in (1, 2, 10, 50, EPOCHS):
        print(f"에포크 {epoch:3d}  손실 {loss:.4f}  정확도 {accuracy:.4f}")
# --8<-- [end:train]

# --8<-- [start:predict]
model.eval()
with torch.no_grad():
    test_logits = model(x_test)  # (30, 3)
predicted = test_logits.argmax(dim=1)  # 가장 큰 로짓의 클래스
print("예측:", predicted.tolist())
print("정답:", y_test.tolist())
print(f"평가 정확도: {(predicted == y_test).float().mean().item():.4f}")
test_probs = torch.softmax(test_logits[:3], dim=1).numpy()  # 확률이 필요할 때만
print("앞 3개의 확률:\n", test_probs.round(4))
# --8<-- [end:predict]

# --8<-- [start:learning-rate]
import matplotlib.pyplot as plt

from data import LEARNING_RATES


def zero_start_losses(learning_rate):
    """가중치 0에서 출발해 EPOCHS번 갱신하고 에포크 손실 목록을 돌려줍니다."""
    probe = nn.Linear(N_FEATURES, N_CLASSES)
    nn.init.zeros_(probe.weight)  # Keras의 kernel_initializer="zeros"
    nn.init.zeros_(probe.bias)  # Keras의 bias는 원래 0
    sgd = torch.optim.SGD(probe.parameters(), lr=learning_rate)
    curve = []
    for _ in range(EPOCHS):
        loss = loss_fn(probe(x_train), y_train)
        sgd.zero_grad()
        loss.backward()
        sgd.step()
        curve.append(loss.item())
    return curve


lr_losses = {rate: zero_start_losses(rate) for rate in LEARNING_RATES}
fig, ax = plt.subplots(figsize=(5.6, 3.6))
for rate, curve in lr_losses.items():
    ax.plot(range(1, EPOCHS + 1), curve, label=f"학습률 {rate:g}")
    first, highest, last = curve[0], max(curve), curve[-1]
    print(f"학습률 {rate:6g}: 손실 {first:.4f} → 최대 {highest:.4f} → {last:.4f}")
ax.set_yscale("log")
ticks = [0.1, 0.2, 0.5, 1, 2, 5]
ax.set_yticks(ticks, [f"{t:g}" for t in ticks])  # 10⁻¹ 같은 지수 표기 대신
ax.minorticks_off()
ax.set(
    xlabel="에포크", ylabel="학습 손실 (로그 눈금)", title="PyTorch: 학습률에 따른 손실"
)
ax.legend()
fig.tight_layout()
plt.show()
# --8<-- [end:learning-rate]

# --8<-- [start:exercise-softmax-layer]
# 연습 문제 1: 출력층에 소프트맥스를 넣은 채 CrossEntropyLoss로 학습합니다
softmax_model = nn.Sequential(nn.Linear(N_FEATURES, N_CLASSES), nn.Softmax(dim=1))
softmax_model[0].load_state_dict(initial_state)  # 본문의 모델과 같은 출발점
sgd = torch.optim.SGD(softmax_model.parameters(), lr=LEARNING_RATE)
for _ in range(EPOCHS):
    loss = loss_fn(softmax_model(x_train), y_train)  # 소프트맥스가 두 번
    sgd.zero_grad()
    loss.backward()
    sgd.step()
print(f"마지막 손실: {loss.item():.4f} (본문의 모델: {losses[-1]:.4f})")
with torch.no_grad():
    true_loss = loss_fn(softmax_model[0](x_train), y_train).item()
print(f"같은 모델의 진짜 교차 엔트로피: {true_loss:.4f}")
# --8<-- [end:exercise-softmax-layer]

# --8<-- [start:exercise-smoothing]
# 연습 문제 2: 레이블 스무딩 0.1로 학습하면 손실이 어디까지 내려갈까요?
smooth_model = nn.Linear(N_FEATURES, N_CLASSES)
smooth_model.load_state_dict(initial_state)
sgd = torch.optim.SGD(smooth_model.parameters(), lr=LEARNING_RATE)
for _ in range(EPOCHS):
    loss = smooth_ce(smooth_model(x_train), y_train)  # 클래스 번호 그대로
    sgd.zero_grad()
    loss.backward()
    sgd.step()
# 스무딩한 타깃 분포의 엔트로피가 손실의 하한입니다
target = one_hot_train[0] * (1 - LABEL_SMOOTHING) + LABEL_SMOOTHING / N_CLASSES
floor = -(target * target.log()).sum().item()
print(f"마지막 손실: {loss.item():.4f}  (하한: {floor:.4f})")
# --8<-- [end:exercise-smoothing]
