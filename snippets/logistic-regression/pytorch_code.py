# 로지스틱 회귀와 입력 파이프라인 — PyTorch 2
# 실행: python pytorch_code.py   (섹션 이름은 tensorflow_code.py와 같습니다)

# --8<-- [start:data]
import torch
from torch import nn
from torch.utils.data import DataLoader, TensorDataset

from data import SEED, X_TEST, X_TRAIN, Y_TEST, Y_TRAIN

torch.manual_seed(SEED)

# float32 배열이라 그대로 넘깁니다. float64였다면 nn.Linear에서 dtype 오류가 납니다.
x_train, y_train = torch.from_numpy(X_TRAIN), torch.from_numpy(Y_TRAIN)  # 메모리 공유
x_test, y_test = torch.from_numpy(X_TEST), torch.from_numpy(Y_TEST)
dtype = str(x_train.dtype).removeprefix("torch.")
print("학습:", tuple(x_train.shape), dtype, "/ 평가:", tuple(x_test.shape))
print("정답:", tuple(y_train.shape), dtype, f"/ 양성(1) 비율 {y_train.mean():.3f}")
# --8<-- [end:data]

# --8<-- [start:pipeline]
from data import BATCH_SIZE

train_set = TensorDataset(x_train, y_train)  # train_set[i] = (x_train[i], y_train[i])
train_loader = DataLoader(
    train_set,
    batch_size=BATCH_SIZE,
    shuffle=True,  # 에포크마다 새 순서
    generator=torch.Generator().manual_seed(SEED),  # 섞기 전용 난수 생성기
    num_workers=0,  # 메인 프로세스에서 배치를 만듭니다
)
test_loader = DataLoader(TensorDataset(x_test, y_test), batch_size=BATCH_SIZE)

x_batch, y_batch = next(iter(train_loader))
dtype = str(x_batch.dtype).removeprefix("torch.")
print("첫 배치:", tuple(x_batch.shape), dtype, "/", tuple(y_batch.shape))
last_batch_size = [len(y) for _, y in train_loader][-1]  # 한 에포크를 돌아 확인
print("배치 수:", len(train_loader), "/ 마지막 배치 크기:", last_batch_size)
print("평가 배치 수:", len(test_loader))
# --8<-- [end:pipeline]

# --8<-- [start:shuffle]
# 순서만 보려고 0~9 번호로 같은 모양의 DataLoader를 만들어 두 에포크를 돌려 봅니다
generator = torch.Generator().manual_seed(SEED)
numbers = DataLoader(range(10), batch_size=4, shuffle=True, generator=generator)
for epoch in (1, 2):  # iter()를 새로 만들 때마다 새로 섞습니다
    print(f"에포크 {epoch}:", [batch.tolist() for batch in numbers])
# --8<-- [end:shuffle]

# --8<-- [start:model]
from data import N_FEATURES

# nn.Linear(입력 크기, 출력 크기): 출력은 확률이 아니라 로짓(logit)입니다
model = nn.Linear(N_FEATURES, 1)

print("weight:", tuple(model.weight.shape), "/ bias:", tuple(model.bias.shape))
print("파라미터 수:", sum(p.numel() for p in model.parameters()))
print("bias 초깃값:", model.bias.detach().numpy().round(4))  # 균등 분포 ±1/√30
with torch.no_grad():
    logits = model(x_train[:3])
print("로짓:", logits.numpy().ravel().round(4))
print("확률:", torch.sigmoid(logits).numpy().ravel().round(4))
# --8<-- [end:model]

# --8<-- [start:stability]
# 로짓 40, -40은 '확신에 차서 틀린' 예측입니다. 마지막 줄은 평범한 예측입니다.
saturated = torch.tensor([[40.0], [-40.0], [2.0]], requires_grad=True)
targets = torch.tensor([[0.0], [1.0], [1.0]])
prob_bce = nn.BCELoss(reduction="none")  # 확률을 받는 손실
logit_bce = nn.BCEWithLogitsLoss(reduction="none")

probs = torch.sigmoid(saturated)  # float32에서 sigmoid(40)은 정확히 1.0
loss_from_probs = prob_bce(probs, targets)  # log를 -100 아래로 내려가지 않게 자릅니다
loss_from_logits = logit_bce(saturated, targets)
(grad_from_probs,) = torch.autograd.grad(loss_from_probs.sum(), saturated)
(grad_from_logits,) = torch.autograd.grad(loss_from_logits.sum(), saturated)


def fmt(values):  # 유효 숫자 4자리로
    return "  ".join(f"{v:.4g}" for v in values.detach().numpy().ravel())


print("로짓:", fmt(saturated), "/ 정답:", fmt(targets), "/ 확률:", fmt(probs))
print("확률에서: 손실", fmt(loss_from_probs), "/ 기울기", fmt(grad_from_probs))
print("로짓에서: 손실", fmt(loss_from_logits), "/ 기울기", fmt(grad_from_logits))
# --8<-- [end:stability]

# --8<-- [start:loss-curve]
import matplotlib.pyplot as plt

# 정답이 0인 샘플 하나의 손실을 로짓 -10 ~ 40에서 두 방법으로 계산해 그립니다
z = torch.linspace(-10.0, 40.0, 501)[:, None]
zeros = torch.zeros_like(z)
fig, ax = plt.subplots(figsize=(5.2, 3.2))
exact = logit_bce(z, zeros)
via_probs = prob_bce(torch.sigmoid(z), zeros)
ax.plot(z[:, 0], exact, label="로짓에서 (BCEWithLogitsLoss)", lw=3, alpha=0.5)
ax.plot(z[:, 0], via_probs, label="확률에서 (sigmoid 뒤 BCELoss)")
ax.set(xlabel="로짓", ylabel="손실 (정답 0)", ylim=(-3, 105))
ax.set_title("PyTorch")
ax.legend(loc="center left")
fig.tight_layout()
plt.show()
# --8<-- [end:loss-curve]

# --8<-- [start:step]
from data import LEARNING_RATE

loss_fn = nn.BCEWithLogitsLoss()  # 인자 순서: (예측, 정답), 모양이 같아야 합니다
optimizer = torch.optim.SGD(model.parameters(), lr=LEARNING_RATE)


def train_step(x, y):
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

for epoch in range(1, EPOCHS + 1):
    model.train()  # 학습 모드 (Dropout·BatchNorm이 있다면 동작이 달라집니다)
    total_loss, correct = 0.0, 0
    for x, y in train_loader:
        loss, logits = train_step(x, y)
        # Keras의 fit 기록처럼, 갱신 전 예측으로 에포크 평균 손실과 정확도를 셉니다
        total_loss += loss * len(x)
        correct += ((logits > 0).float() == y).sum().item()
    if epoch == 1 or epoch % 2 == 0:
        loss, accuracy = total_loss / len(train_set), correct / len(train_set)
        print(f"에포크 {epoch:2d}  손실 {loss:.4f}  정확도 {accuracy:.4f}")
# --8<-- [end:train]


# --8<-- [start:evaluate]
def evaluate(model, loader):
    """평균 손실과 정확도. 로짓 > 0 ↔ 확률 > 0.5 이면 양성(1)으로 판정합니다."""
    model.eval()  # 평가 모드
    total_loss, correct, count = 0.0, 0, 0
    with torch.no_grad():  # 기울기를 기록하지 않습니다
        for x, y in loader:
            logits = model(x)
            total_loss += loss_fn(logits, y).item() * len(x)
            correct += ((logits > 0).float() == y).sum().item()
            count += len(x)
    return total_loss / count, correct / count


loss, accuracy = evaluate(model, test_loader)
correct = round(accuracy * len(x_test))
print(f"평가 손실 {loss:.4f}  정확도 {accuracy:.4f} ({correct}/{len(x_test)})")

# 확률이 필요하면 로짓에 sigmoid를 직접 씌웁니다
with torch.no_grad():
    probs = torch.sigmoid(model(x_test[:5])).numpy().ravel()
print("평가 샘플 5개의 양성 확률:", "  ".join(f"{p:.3f}" for p in probs))
print("                      정답:", "  ".join(f"{y:5.0f}" for y in y_test[:5].ravel()))
# --8<-- [end:evaluate]
