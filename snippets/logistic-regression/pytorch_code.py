# 로지스틱 회귀와 입력 파이프라인 — PyTorch 2
# 실행: python pytorch_code.py   (섹션 이름은 tensorflow_code.py와 같습니다)

# --8<-- [start:data]
import numpy as np
import torch
from torch import nn
from torch.utils.data import DataLoader, TensorDataset

from data import CLASS_NAMES, SEED, X_TEST, X_TRAIN, Y_TEST, Y_TRAIN

torch.manual_seed(SEED)

# float32 배열이라 그대로 넘깁니다. float64였다면 nn.Linear에서 dtype 오류가 납니다.
x_train, y_train = torch.from_numpy(X_TRAIN), torch.from_numpy(Y_TRAIN)  # 메모리 공유
x_test, y_test = torch.from_numpy(X_TEST), torch.from_numpy(Y_TEST)
dtype = str(x_train.dtype).removeprefix("torch.")
print("학습:", tuple(x_train.shape), dtype, "/ 평가:", tuple(x_test.shape))
print("정답:", tuple(y_train.shape), dtype, "/ 레이블 1 =", CLASS_NAMES[1])
print(f"레이블 1의 비율: 학습 {y_train.mean():.4f}, 평가 {y_test.mean():.4f}")
# --8<-- [end:data]

# --8<-- [start:pipeline]
from data import BATCH_SIZE, STEPS_PER_EPOCH, TRAIN_ORDERS

train_set = TensorDataset(x_train, y_train)  # train_set[i] = (x_train[i], y_train[i])


def train_loader(epoch):
    """epoch번째 에포크의 DataLoader. 순서는 data.py의 TRAIN_ORDERS[epoch]입니다."""
    return DataLoader(
        train_set,
        batch_size=BATCH_SIZE,
        sampler=TRAIN_ORDERS[epoch].tolist(),  # 인덱스를 이 순서대로 꺼냅니다
        num_workers=0,  # 메인 프로세스에서 배치를 만듭니다
    )


test_loader = DataLoader(TensorDataset(x_test, y_test), batch_size=BATCH_SIZE)

x_batch, y_batch = next(iter(train_loader(0)))
dtype = str(x_batch.dtype).removeprefix("torch.")
print("첫 배치:", tuple(x_batch.shape), dtype, "/", tuple(y_batch.shape))
print("첫 배치의 레이블 앞 10개:", y_batch[:10, 0].int().tolist())
sizes = [len(y) for epoch in range(len(TRAIN_ORDERS)) for _, y in train_loader(epoch)]
print(f"학습 배치: 모두 {len(sizes)}개 = 에포크마다 {STEPS_PER_EPOCH}개")
print("한 에포크의 배치 크기:", sizes[:STEPS_PER_EPOCH])
print("평가 배치 수:", len(test_loader))
# --8<-- [end:pipeline]

# --8<-- [start:shuffle]
from data import N_TRAIN

# 보통은 이렇게 섞습니다. 번호 0 ~ 454를 섞어 두 에포크를 돌고 앞 8개만 봅니다.
generator = torch.Generator().manual_seed(SEED)  # 섞기 전용 난수 생성기
numbers = DataLoader(
    range(N_TRAIN), batch_size=N_TRAIN, shuffle=True, generator=generator
)
shuffled = [next(iter(numbers)).numpy() for _ in range(2)]  # iter()마다 새 순서
for epoch, order in enumerate(shuffled, start=1):
    print(f"shuffle, 에포크 {epoch}:", order[:8].tolist())
print("data.py, 에포크 1:", TRAIN_ORDERS[0, :8].tolist())
# --8<-- [end:shuffle]

# --8<-- [start:model]
import copy

from data import N_FEATURES

# nn.Linear(입력 크기, 출력 크기): 출력은 확률이 아니라 로짓입니다
model = nn.Linear(N_FEATURES, 1)
initial_state = copy.deepcopy(model.state_dict())  # 연습 문제에서 같은 출발점으로

print("weight:", tuple(model.weight.shape), "/ bias:", tuple(model.bias.shape))
print("파라미터 수:", sum(p.numel() for p in model.parameters()))
print("bias 초깃값:", model.bias.detach().numpy().round(4))  # 균등 분포 ±1/√30
with torch.no_grad():
    logits = model(x_train[:3])
print("로짓:", logits.numpy().ravel().round(4))
print("확률:", torch.sigmoid(logits).numpy().ravel().round(4))
# --8<-- [end:model]

# --8<-- [start:stability]
# 로짓 40과 -40은 크게 틀린 예측, 마지막 줄은 평범한 예측입니다
saturated = torch.tensor([[40.0], [-40.0], [2.0]], requires_grad=True)
targets = torch.tensor([[0.0], [1.0], [1.0]])
prob_bce = nn.BCELoss(reduction="none")  # 확률을 받는 손실
logit_bce = nn.BCEWithLogitsLoss(reduction="none")

probs = torch.sigmoid(saturated)  # float32에서 sigmoid(40)은 정확히 1.0
loss_from_probs = prob_bce(probs, targets)  # log를 -100 아래로 내려가지 않게 자릅니다
loss_from_logits = logit_bce(saturated, targets)
(grad_from_probs,) = torch.autograd.grad(loss_from_probs.sum(), saturated)
(grad_from_logits,) = torch.autograd.grad(loss_from_logits.sum(), saturated)


def fmt(values):  # 유효숫자 4자리로
    return "  ".join(f"{v:.4g}" for v in values.detach().numpy().ravel())


print("로짓:", fmt(saturated), "/ 정답:", fmt(targets), "/ 확률:", fmt(probs))
print("확률에서: 손실", fmt(loss_from_probs), "/ 기울기", fmt(grad_from_probs))
print("로짓에서: 손실", fmt(loss_from_logits), "/ 기울기", fmt(grad_from_logits))
# --8<-- [end:stability]

# --8<-- [start:prob-grad]
# 확률에서 계산한 손실의 기울기를 연쇄 법칙 ∂L/∂z = ∂L/∂p · ∂p/∂z로 나눠 봅니다
probs = torch.sigmoid(saturated)
probs.retain_grad()  # 중간 텐서의 기울기도 남겨 둡니다
prob_bce(probs, targets).sum().backward()
dloss_dprob = probs.grad  # BCELoss의 역전파: (p − y) / max(p(1 − p), 1e-12)
dprob_dlogit = probs * (1 - probs)  # 시그모이드의 도함수 p(1 − p)
print("∂L/∂p:", fmt(dloss_dprob))
print("∂p/∂z:", fmt(dprob_dlogit))
print("곱 ∂L/∂z:", fmt(dloss_dprob * dprob_dlogit))
print("정확한 값 p − y:", fmt(probs - targets))
# --8<-- [end:prob-grad]

# --8<-- [start:loss-curve]
import matplotlib.pyplot as plt

# 정답이 0인 샘플 하나의 손실을 로짓 -10 ~ 40에서 두 방법으로 계산해 그립니다
z = torch.linspace(-10.0, 40.0, 501)[:, None]
zeros = torch.zeros_like(z)
exact = logit_bce(z, zeros)
via_probs = prob_bce(torch.sigmoid(z), zeros)
fig, ax = plt.subplots(figsize=(5.2, 3.2))
ax.plot(z[:, 0], exact, label="로짓에서 (BCEWithLogitsLoss)", lw=3, alpha=0.5)
ax.plot(z[:, 0], via_probs, label="확률에서 (sigmoid 뒤 BCELoss)")
ax.set(xlabel="로짓", ylabel="손실 (정답 0)", ylim=(-3, 105))
ax.set_title("PyTorch")
ax.legend(loc="center left")
fig.tight_layout()
plt.show()
# --8<-- [end:loss-curve]

# --8<-- [start:step]
from data import LEARNING_RATE, THRESHOLD

loss_fn = nn.BCEWithLogitsLoss()  # 인자 순서: (예측, 정답), 모양이 같아야 합니다
optimizer = torch.optim.SGD(model.parameters(), lr=LEARNING_RATE)


def train_step(x, y):
    """한 배치로 한 번 갱신하고, 갱신 전의 손실과 로짓을 돌려줍니다."""
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
from data import EPOCHS, N_TRAIN

losses, accuracies = [], []  # History 대신 직접 모읍니다
for epoch in range(EPOCHS):
    model.train()  # 학습 모드 (Dropout·BatchNorm이 있다면 동작이 달라집니다)
    total_loss, correct = 0.0, 0
    for x, y in train_loader(epoch):
        loss, logits = train_step(x, y)
        # fit의 기록처럼 갱신 전 예측으로 세고, 배치 크기로 가중해 평균합니다
        total_loss += loss * len(x)
        correct += ((logits > THRESHOLD).float() == y).sum().item()
    losses.append(total_loss / N_TRAIN)
    accuracies.append(correct / N_TRAIN)
for epoch, (loss, accuracy) in enumerate(zip(losses, accuracies), start=1):
    if epoch in (1, 2, 5, EPOCHS):
        print(f"에포크 {epoch:2d}  손실 {loss:.4f}  정확도 {accuracy:.4f}")
# --8<-- [end:train]


# --8<-- [start:evaluate]
def evaluate(model, loader):
    """평균 손실과 모든 샘플의 로짓을 돌려줍니다."""
    model.eval()  # 평가 모드
    total_loss, all_logits = 0.0, []
    with torch.no_grad():  # 기울기를 기록하지 않습니다
        for x, y in loader:
            logits = model(x)
            total_loss += loss_fn(logits, y).item() * len(x)
            all_logits.append(logits)
    return total_loss / len(loader.dataset), torch.cat(all_logits)


test_loss, test_logits = evaluate(model, test_loader)
predicted = (test_logits[:, 0] > THRESHOLD).long()
labels = y_test[:, 0].long()
accuracy = (predicted == labels).float().mean().item()
print(f"평가 손실 {test_loss:.4f}  정확도 {accuracy:.4f}")

# 혼동 행렬: 행 = 정답, 열 = 예측. (정답, 예측) 쌍마다 칸 2·정답 + 예측을 셉니다
counts = torch.bincount(2 * labels + predicted, minlength=4)
confusion = counts.reshape(2, 2).numpy()
print("혼동 행렬 (행: 정답, 열: 예측):", confusion.tolist())
for k, name in enumerate(CLASS_NAMES):
    precision_k = confusion[k, k] / confusion[:, k].sum()  # 그렇게 예측한 것 중
    recall_k = confusion[k, k] / confusion[k].sum()  # 실제로 그런 것 중
    print(f"{k} {name}: 정밀도 {precision_k:.4f}  재현율 {recall_k:.4f}")

# 확률이 필요하면 로짓에 시그모이드를 직접 씌웁니다
probs = torch.sigmoid(test_logits[:5]).numpy().ravel()
print("앞 5개의 P(레이블 1):", "  ".join(f"{p:.3f}" for p in probs))
print("정답 레이블:         ", "  ".join(f"{y:5.0f}" for y in y_test[:5, 0]))
# --8<-- [end:evaluate]

# --8<-- [start:exercise-threshold]
# 연습 문제 1: 확률 기준을 올리면 '양성 종양'이라고 말하기가 어려워집니다
for p in (0.5, 0.9, 0.99):
    logit_threshold = np.log(p / (1 - p))  # 확률 p에 해당하는 로짓
    predicted_p = (test_logits[:, 0] > logit_threshold).long()
    matrix = torch.bincount(2 * labels + predicted_p, minlength=4).reshape(2, 2)
    matrix = matrix.numpy()
    caught = matrix[0, 0] / matrix[0].sum()  # 악성 재현율
    print(f"P > {p}: 혼동 행렬 {matrix.tolist()}, 악성 재현율 {caught:.4f}")
# --8<-- [end:exercise-threshold]

# --8<-- [start:exercise-weight]
# 연습 문제 2: 악성(레이블 0) 샘플의 손실에 가중치 2를 줍니다
weighted = nn.Linear(N_FEATURES, 1)
weighted.load_state_dict(initial_state)  # 본문의 모델과 같은 출발점
sgd = torch.optim.SGD(weighted.parameters(), lr=LEARNING_RATE)
per_sample = nn.BCEWithLogitsLoss(reduction="none")  # 샘플마다 손실 (N, 1)
class_weight = torch.tensor([2.0, 1.0])  # 레이블 0, 1의 가중치
for epoch in range(EPOCHS):
    total_loss = 0.0
    for x, y in train_loader(epoch):
        # Keras의 class_weight처럼: 가중치를 곱한 뒤 배치 크기로 나눕니다
        loss = (per_sample(weighted(x), y) * class_weight[y.long()]).mean()
        sgd.zero_grad()
        loss.backward()
        sgd.step()
        total_loss += loss.item() * len(x)
print(f"마지막 에포크 손실 (가중치 포함): {total_loss / N_TRAIN:.4f}")
with torch.no_grad():
    weighted_predicted = (weighted(x_test)[:, 0] > THRESHOLD).long()
matrix = torch.bincount(2 * labels + weighted_predicted, minlength=4).reshape(2, 2)
print("혼동 행렬:", matrix.tolist())
# --8<-- [end:exercise-weight]

# --8<-- [start:exercise-sigmoid]
# 연습 문제 3: 출력층에 시그모이드를 넣고, 확률을 받는 손실로 학습합니다
sigmoid_model = nn.Sequential(nn.Linear(N_FEATURES, 1), nn.Sigmoid())
sigmoid_model[0].load_state_dict(initial_state)
sgd = torch.optim.SGD(sigmoid_model.parameters(), lr=LEARNING_RATE)
bce = nn.BCELoss()
sigmoid_losses = []
for epoch in range(EPOCHS):
    total_loss = 0.0
    for x, y in train_loader(epoch):
        loss = bce(sigmoid_model(x), y)
        sgd.zero_grad()
        loss.backward()
        sgd.step()
        total_loss += loss.item() * len(x)
    sigmoid_losses.append(total_loss / N_TRAIN)
gap = np.max(np.abs(np.array(sigmoid_losses) - np.array(losses)))
print(f"로짓 모델과의 에포크 손실 차이 (최댓값): {gap:.3g}")
# --8<-- [end:exercise-sigmoid]
