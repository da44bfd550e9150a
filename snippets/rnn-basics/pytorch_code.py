# RNN 기초: 'hihell' → 'ihello' — PyTorch 2
# 실행: python pytorch_code.py   (섹션 이름은 tensorflow_code.py와 같습니다)

# --8<-- [start:data]
import torch
from torch import nn

from data import N_CHARS, SOURCE, TARGET, X_ONE_HOT, Y_BATCH, decode

torch.manual_seed(0)

x_train = torch.from_numpy(X_ONE_HOT).float()  # (배치 1, 시간 6, 특징 5)
y_train = torch.from_numpy(Y_BATCH)  # (1, 6) 글자 번호, int64
print(f"{SOURCE} → {TARGET}")
print(
    "x:",
    tuple(x_train.shape),
    x_train.dtype,
    "/ y:",
    tuple(y_train.shape),
    y_train.dtype,
)
print("x의 첫 단계 (h):", x_train[0, 0].numpy())
# --8<-- [end:data]


# --8<-- [start:model]
from data import HIDDEN_SIZE


class CharRNN(nn.Module):
    def __init__(self, input_size, hidden_size, num_classes):
        super().__init__()
        # 크기는 모두 생성자 인자에서 받습니다
        self.rnn = nn.RNN(input_size, hidden_size, batch_first=True)
        self.fc = nn.Linear(hidden_size, num_classes)  # 출력층
        # Keras SimpleRNN처럼 bias를 하나만 학습합니다 (bias 절 참고)
        nn.init.zeros_(self.rnn.bias_hh_l0)
        self.rnn.bias_hh_l0.requires_grad_(False)

    def forward(self, x):  # x: (B, T, input_size)
        output, _ = self.rnn(x)  # output: (B, T, H), h_n은 쓰지 않습니다
        return self.fc(output)  # Linear는 마지막 축에만: (B, T, num_classes)


model = CharRNN(N_CHARS, HIDDEN_SIZE, N_CHARS)
for name, param in model.named_parameters():
    print(f"{name:<18} {tuple(param.shape)}")
n_all = sum(p.numel() for p in model.parameters())
n_trained = sum(p.numel() for p in model.parameters() if p.requires_grad)
print("파라미터 수:", n_all, "/ 학습하는 것:", n_trained)
print("처음 로짓:", tuple(model(x_train).shape))
# --8<-- [end:model]

# --8<-- [start:layout]
# batch_first=True: 입력을 (배치, 시간, 특징)으로 읽습니다
right, h_right = model.rnn(x_train)
print("batch_first=True : 출력", tuple(right.shape), "h_n", tuple(h_right.shape))

# 기본값 batch_first=False: 같은 (1, 6, 5)를 (시간 1, 배치 6, 특징 5)로 읽습니다
seq_first = nn.RNN(N_CHARS, HIDDEN_SIZE)
seq_first.load_state_dict(model.rnn.state_dict())  # 가중치는 같고 축 순서만 다름
wrong, h_wrong = seq_first(x_train)
print("batch_first=False: 출력", tuple(wrong.shape), "h_n", tuple(h_wrong.shape))
print(f"출력 모양은 같고 값은 다름: 최대 차이 {(wrong - right).abs().max():.3f}")
# --8<-- [end:layout]

# --8<-- [start:outputs]
from data import DEMO_ONE_HOT, SPLIT

x_pair = torch.from_numpy(DEMO_ONE_HOT).float()  # (2, 6, 5): hihell, llehih
# nn.RNN은 늘 (모든 단계의 출력, 마지막 은닉 상태)를 함께 돌려줍니다
sequence, h_n = model.rnn(x_pair)
print("output:", tuple(sequence.shape), "/ h_n:", tuple(h_n.shape))
print("h_n은 (층 수 × 방향 수, 배치, H) — batch_first와 상관없습니다")
print("마지막 단계 출력 == h_n[0]:", torch.equal(sequence[:, -1], h_n[0]))

# 앞 3글자의 h_n을 h_0으로 넘겨 뒤 3글자를 이어 계산합니다
_, middle = model.rnn(x_pair[:, :SPLIT])
rest, h_end = model.rnn(x_pair[:, SPLIT:], middle)
print("h_0:", tuple(middle.shape), "= (층 수 × 방향 수, 배치, H)")
gap = (rest - sequence[:, SPLIT:]).abs().max().item()
print(f"나눠 계산한 뒤 3단계와 한 번에 계산한 값의 차이: {gap:.1e}")
try:  # 배치를 앞에 둔 (2, 1, H) 모양으로 넘기면
    model.rnn(x_pair, middle.transpose(0, 1))
except RuntimeError as err:
    print(f"{type(err).__name__}: {err}")
# --8<-- [end:outputs]

# --8<-- [start:embedding]
from data import EMBED_TABLE, X_IDS

# 정해 둔 표로 시작하는 Embedding: from_pretrained (freeze=False면 학습합니다)
table = torch.from_numpy(EMBED_TABLE).float()
embedding = nn.Embedding.from_pretrained(table, freeze=False)
ids = torch.from_numpy(X_IDS)[None]  # (1, 6) 글자 번호
vectors = embedding(ids)  # 표에서 행을 골라 옵니다
print("번호", tuple(ids.shape), ids.dtype, "→ 벡터", tuple(vectors.shape))
from_one_hot = x_train @ embedding.weight  # (5, 3) 표, 전치 없이 같은 모양
print("원-핫 @ 표와의 차이:", (vectors - from_one_hot).abs().max().item())
# --8<-- [end:embedding]

# --8<-- [start:optimizer]
import math

from data import ADAM_EPSILON, BETA_2, EPOCHS, LEARNING_RATE

# 고정한 bias_hh는 빼고 학습할 텐서만 넘깁니다
trained = [p for p in model.parameters() if p.requires_grad]
optimizer = torch.optim.Adam(trained, lr=LEARNING_RATE, betas=(0.9, BETA_2))
loss_fn = nn.CrossEntropyLoss()
print("학습할 변수:", len(trained), "개")


def train_step(x, y, step):
    """한 번 갱신하고 갱신 전의 손실을 돌려줍니다. step은 1부터 셉니다."""
    # Keras Adam과 같은 갱신이 되도록 ε을 단계마다 환산합니다 (심화 상자 참고)
    for group in optimizer.param_groups:
        group["eps"] = ADAM_EPSILON / math.sqrt(1 - BETA_2**step)
    optimizer.zero_grad()
    logits = model(x)  # (B, T, C)
    # CrossEntropyLoss는 (N, C)와 (N,)을 받으므로 단계를 배치 쪽으로 펼칩니다
    loss = loss_fn(logits.reshape(-1, N_CHARS), y.reshape(-1))
    loss.backward()
    optimizer.step()
    return loss.item()


# --8<-- [end:optimizer]

# --8<-- [start:train]
predicted = []  # 에포크가 끝날 때마다 예측한 글자 번호 (6,)
losses = []
for epoch in range(1, EPOCHS + 1):
    losses.append(train_step(x_train, y_train, epoch))
    with torch.no_grad():
        predicted.append(model(x_train)[0].argmax(dim=-1).numpy())
for epoch in (1, 2, 5, 10, 20, EPOCHS):
    text = decode(predicted[epoch - 1])
    print(f"epoch {epoch:2d}  loss {losses[epoch - 1]:.4f}  예측 {text}")
# --8<-- [end:train]

# --8<-- [start:predict]
import matplotlib.pyplot as plt

from data import CHARS

model.eval()
with torch.no_grad():
    hidden = model.rnn(x_train)[0][0].numpy()  # (6, H): 단계마다 은닉 상태
    logits = model(x_train)[0]  # (6, 5)
    probs = torch.softmax(logits, dim=-1).numpy()
answer = decode(probs.argmax(axis=-1))
print(f"{SOURCE} → {answer}")
print("단계별 최대 확률:", probs.max(axis=-1).round(4))

fig, (ax_h, ax_p) = plt.subplots(1, 2, figsize=(6.4, 3.0), width_ratios=[8, 5])
im = ax_h.imshow(hidden, cmap="RdBu_r", vmin=-1, vmax=1)
ax_h.set_title("은닉 상태 h_t")
ax_h.set_xlabel("은닉 유닛")
fig.colorbar(im, ax=ax_h, shrink=0.8)
im = ax_p.imshow(probs, cmap="Oranges", vmin=0, vmax=1)
ax_p.set_title("다음 글자 확률")
ax_p.set_xticks(range(N_CHARS), CHARS)
fig.colorbar(im, ax=ax_p, shrink=0.8)
for ax in (ax_h, ax_p):
    ax.set_yticks(range(len(SOURCE)), [f"{c} → {t}" for c, t in zip(SOURCE, answer)])
ax_h.set_ylabel("입력 → 예측")
fig.suptitle("PyTorch: 학습한 nn.RNN", fontsize=10)
fig.tight_layout()
plt.show()
# --8<-- [end:predict]

# --8<-- [start:seed-bugs]
# 1) view는 새 텐서를 돌려줍니다. 결과를 받지 않으면 x는 그대로입니다
flat = x_train.view(-1, N_CHARS)
print("x.view(-1, 5)의 결과:", tuple(flat.shape), "/ x 자신:", tuple(x_train.shape))

# 2) 크기를 생성자 인자에서 받으므로 다른 크기도 그대로 따릅니다
print("CharRNN(5, 16, 5).rnn:", CharRNN(N_CHARS, 16, N_CHARS).rnn)

# 3) 출력층 없이 nn.RNN(5, 5)의 출력을 로짓으로 쓰면 로짓이 tanh의 범위 (-1, 1)에
# 갇힙니다. 그 안에서 가장 좋은 로짓은 정답 자리 +1, 나머지 -1입니다
best_tanh = torch.where(nn.functional.one_hot(y_train, N_CHARS) == 1, 1.0, -1.0)
floor = loss_fn(best_tanh.reshape(-1, N_CHARS), y_train.reshape(-1)).item()
print(f"로짓이 ±1 안이면 손실 ≥ {floor:.4f} = log(1 + 4/e²)")
bare = nn.RNN(N_CHARS, N_CHARS, batch_first=True)  # 출력층 없는 모델
bare_optimizer = torch.optim.Adam(bare.parameters(), lr=LEARNING_RATE)
for _ in range(EPOCHS):
    bare_optimizer.zero_grad()
    bare_loss = loss_fn(bare(x_train)[0].reshape(-1, N_CHARS), y_train.reshape(-1))
    bare_loss.backward()
    bare_optimizer.step()
print(f"출력층 없이 {EPOCHS} 에포크: 마지막 손실 {bare_loss.item():.4f}")
print(f"Linear가 있는 모델: 마지막 손실 {losses[-1]:.4f}")
# --8<-- [end:seed-bugs]


# --8<-- [start:exercise-embedding]
# 연습 문제 1: 원-핫 대신 글자 번호 + 고정한 단위 행렬 Embedding
class EmbedCharRNN(CharRNN):
    def __init__(self, num_chars, hidden_size):
        super().__init__(num_chars, hidden_size, num_chars)
        self.embedding = nn.Embedding.from_pretrained(torch.eye(num_chars), freeze=True)

    def forward(self, ids):  # ids: (B, T) 글자 번호
        return super().forward(self.embedding(ids))


embed_model = EmbedCharRNN(N_CHARS, HIDDEN_SIZE)
# strict=False: 학습한 모델에 없는 embedding.weight는 그대로 둡니다
embed_model.load_state_dict(model.state_dict(), strict=False)
with torch.no_grad():
    embed_logits = embed_model(ids)
    gap = (embed_logits - model(x_train)).abs().max().item()
print("Embedding 모델:", decode(embed_logits[0].argmax(dim=-1)))
print("원-핫 모델과 로짓 차이:", gap)
# --8<-- [end:exercise-embedding]

# --8<-- [start:exercise-bias]
# 연습 문제 2: bias_hh까지 학습하면 SGD 한 단계가 실질 bias를 얼마나 움직이는지
probe = CharRNN(N_CHARS, HIDDEN_SIZE, N_CHARS)  # 학습하지 않은 새 모델
probe.rnn.bias_hh_l0.requires_grad_(True)  # 고정을 풉니다
loss = loss_fn(probe(x_train).reshape(-1, N_CHARS), y_train.reshape(-1))
loss.backward()
grad = probe.rnn.bias_ih_l0.grad
same = torch.allclose(grad, probe.rnn.bias_hh_l0.grad)
print("두 bias의 기울기가 같음:", same)
before = (probe.rnn.bias_ih_l0 + probe.rnn.bias_hh_l0).detach().clone()
torch.optim.SGD(probe.parameters(), lr=LEARNING_RATE).step()
moved = (probe.rnn.bias_ih_l0 + probe.rnn.bias_hh_l0).detach() - before
ratio = moved.norm() / (LEARNING_RATE * grad.norm())
print(f"|Δ(b_ih + b_hh)| / (lr·|기울기|) = {ratio:.4f}")
# --8<-- [end:exercise-bias]
