# Many-to-one 문장 분류: 패킹과 2층 RNN — PyTorch 2
# 실행: python pytorch_code.py   (섹션 이름은 tensorflow_code.py와 같습니다)

# --8<-- [start:data]
import torch
from torch import nn
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence, pad_sequence
from torch.utils.data import DataLoader, TensorDataset

from data import BATCH_SIZE, TRAIN_IDS, Y_TRAIN

torch.manual_seed(0)

# pad_sequence는 뒤를 채웁니다 (padding_side="right"가 기본값)
x_train = pad_sequence([torch.tensor(ids) for ids in TRAIN_IDS], batch_first=True)
lengths = torch.tensor([len(ids) for ids in TRAIN_IDS])  # 패킹에 쓸 실제 길이
y_train = torch.from_numpy(Y_TRAIN)
print(x_train[:3])
print("x:", tuple(x_train.shape), x_train.dtype, "/ y:", tuple(y_train.shape))
print("길이:", lengths.tolist())
dataset = TensorDataset(x_train, lengths, y_train)
loader = DataLoader(dataset, batch_size=BATCH_SIZE, shuffle=False, num_workers=0)
# --8<-- [end:data]


# --8<-- [start:model]
from data import DROPOUT, HIDDEN_SIZE, N_CLASSES, NUM_LAYERS, ONE_HOT_TABLE


class SentenceRNN(nn.Module):
    def __init__(self, table, hidden_size, num_layers, dropout, num_classes):
        super().__init__()
        # 고정한 원-핫 표 (freeze=True는 requires_grad=False와 같습니다).
        # padding_idx=0은 그 행의 기울기를 막을 뿐, 마스킹은 하지 않습니다
        self.embedding = nn.Embedding.from_pretrained(table, freeze=True, padding_idx=0)
        # dropout=: 층과 층 사이(아래층의 출력)에만 적용됩니다
        self.rnn = nn.RNN(
            table.shape[1],
            hidden_size,
            num_layers=num_layers,
            dropout=dropout,
            batch_first=True,
        )
        self.dropout = nn.Dropout(dropout)  # 출력층 앞
        self.fc = nn.Linear(hidden_size, num_classes)
        # Keras SimpleRNN처럼 층마다 bias를 하나만 학습합니다 (9편 참고)
        for layer in range(num_layers):
            bias_hh = getattr(self.rnn, f"bias_hh_l{layer}")
            nn.init.zeros_(bias_hh)
            bias_hh.requires_grad_(False)

    def forward(self, ids, lengths):
        vectors = self.embedding(ids)  # (B, T, E)
        # 문장마다 실제 길이까지만 계산하도록 묶습니다. 길이 순 정렬은 알아서 합니다
        packed = pack_padded_sequence(
            vectors, lengths, batch_first=True, enforce_sorted=False
        )
        _, h_n = self.rnn(packed)  # h_n: (층 수, B, H), 문장마다 마지막 실제 단계
        return self.fc(self.dropout(h_n[-1]))  # 마지막 층의 상태 → 로짓


table = torch.from_numpy(ONE_HOT_TABLE)
model = SentenceRNN(table, HIDDEN_SIZE, NUM_LAYERS, DROPOUT, N_CLASSES)
params = list(model.parameters())
n_trained = sum(p.numel() for p in params if p.requires_grad)
n_frozen = sum(p.numel() for p in params if not p.requires_grad)
print("학습하는 파라미터:", n_trained, "/ 고정한 파라미터:", n_frozen)
print("embedding.weight.requires_grad:", model.embedding.weight.requires_grad)
print("드롭아웃 비율:", DROPOUT)
print("처음 로짓:", tuple(model(x_train, lengths).shape))
# --8<-- [end:model]

# --8<-- [start:mask]
vectors = model.embedding(x_train)  # (12, T, 19)
packed = pack_padded_sequence(vectors, lengths, batch_first=True, enforce_sorted=False)
# batch_sizes: 단계마다 아직 끝나지 않은 문장 수
print("batch_sizes:", packed.batch_sizes.tolist())
print("sorted_indices:", packed.sorted_indices.tolist())
model.eval()  # 드롭아웃을 끄고 살펴봅니다
with torch.no_grad():
    packed_out, h_n = model.rnn(packed)
    # 묶음을 다시 (B, T, H)로 풉니다. 패딩 자리는 0입니다
    sequence_2, out_lengths = pad_packed_sequence(packed_out, batch_first=True)
print("h_n:", tuple(h_n.shape), "= (층 수, 배치, H)")
last_2 = sequence_2[torch.arange(len(lengths)), lengths - 1]  # 2층의 마지막 실제 단계
print("h_n[-1] == 2층의 마지막 실제 단계:", torch.equal(h_n[-1], last_2))
pads_are_zero = bool((sequence_2[0, lengths[0] :] == 0).all())
print("첫 문장 패딩 자리의 2층 출력이 0:", pads_are_zero)
model.train()
# --8<-- [end:mask]

# --8<-- [start:optimizer]
import math

from data import ADAM_EPSILON, BETA_2, EPOCHS, LEARNING_RATE

# 고정한 표와 bias_hh를 빼고 학습할 텐서만 넘깁니다
trained = [p for p in model.parameters() if p.requires_grad]
optimizer = torch.optim.Adam(trained, lr=LEARNING_RATE, betas=(0.9, BETA_2))
loss_fn = nn.CrossEntropyLoss()
print("학습할 변수:", len(trained), "개 (Embedding 표와 bias_hh는 빠짐)")


def train_step(ids, lengths, y, step):
    """한 번 갱신하고 갱신 전의 손실을 돌려줍니다. step은 1부터 셉니다."""
    # Keras Adam과 같은 갱신이 되도록 ε을 단계마다 환산합니다 (9편 참고)
    for group in optimizer.param_groups:
        group["eps"] = ADAM_EPSILON / math.sqrt(1 - BETA_2**step)
    optimizer.zero_grad()
    loss = loss_fn(model(ids, lengths), y)
    loss.backward()
    optimizer.step()
    return loss.item()


# --8<-- [end:optimizer]

# --8<-- [start:train]
table_before = model.embedding.weight.detach().clone()
losses = []  # 에포크마다 배치 손실의 평균 (Keras의 history와 같은 값)
step = 0
model.train()  # 드롭아웃을 켭니다
for _ in range(EPOCHS):
    total = 0.0
    for ids, batch_lengths, y in loader:
        step += 1
        total += train_step(ids, batch_lengths, y, step) * len(y)
    losses.append(total / len(dataset))
for epoch in (1, 5, 10, 20, EPOCHS):
    print(f"epoch {epoch:2d}  loss {losses[epoch - 1]:.4f}")
table_moved = (model.embedding.weight - table_before).abs().max().item()
print("고정한 표가 움직인 양:", table_moved)
# --8<-- [end:train]

# --8<-- [start:evaluate]
from data import LABEL_NAMES, TEST, TEST_IDS, TRAIN, Y_TEST

x_test = pad_sequence([torch.tensor(ids) for ids in TEST_IDS], batch_first=True)
test_lengths = torch.tensor([len(ids) for ids in TEST_IDS])
model.eval()  # 드롭아웃을 끕니다. 빠뜨리면 예측이 매번 달라집니다
with torch.no_grad():
    train_probs = torch.softmax(model(x_train, lengths), dim=1).numpy()
    test_probs = torch.softmax(model(x_test, test_lengths), dim=1).numpy()
train_acc = (train_probs.argmax(axis=1) == Y_TRAIN).mean()
print(f"학습 정확도 {train_acc:.3f}")
for (sentence, label), p in zip(TEST, test_probs):
    guess = LABEL_NAMES[p.argmax()]
    print(f"{sentence}: P(긍정) {p[1]:.3f} → {guess} (정답 {LABEL_NAMES[label]})")
test_acc = (test_probs.argmax(axis=1) == Y_TEST).mean()
print(f"평가 정확도 {test_acc:.3f}")
# --8<-- [end:evaluate]

# --8<-- [start:padded-step]
import matplotlib.pyplot as plt
import numpy as np

print("padding_idx 행:", model.embedding.weight[0].tolist()[:5], "...")
with torch.no_grad():
    # 패킹 없이 패딩한 텐서를 그대로 넣고 마지막 (패딩) 단계의 상태를 씁니다
    _, h_padded = model.rnn(model.embedding(x_train))
    padded_probs = torch.softmax(model.fc(h_padded[-1]), dim=1).numpy()
n_pads = (x_train == 0).sum(dim=1).numpy()
flipped = padded_probs.argmax(axis=1) != train_probs.argmax(axis=1)
print("패딩 수:", n_pads)
print("P(긍정) 차이:", np.abs(padded_probs[:, 1] - train_probs[:, 1]).round(3))
print("예측이 바뀐 문장:", int(flipped.sum()), "/", len(flipped))

fig, ax = plt.subplots(figsize=(6.4, 3.8))
rows = np.arange(len(TRAIN))
ax.barh(rows + 0.2, train_probs[:, 1], height=0.4, label="패킹", color="tab:blue")
ax.barh(rows - 0.2, padded_probs[:, 1], height=0.4, label="패킹 없음", color="0.6")
ax.set_yticks(rows, [f"{s} ({n})" for (s, _), n in zip(TRAIN, n_pads)], fontsize=9)
ax.invert_yaxis()
ax.axvline(0.5, color="k", lw=0.8)
ax.set_xlabel("P(긍정)")
ax.set_title("PyTorch: 마지막 패딩 단계로 분류하면 (괄호: 패딩 수)", fontsize=10)
ax.legend(fontsize=9, ncol=2, loc="upper center", bbox_to_anchor=(0.4, -0.16))
fig.tight_layout()
plt.show()
# --8<-- [end:padded-step]

# --8<-- [start:dropout]
import warnings

ones = torch.ones(1, 3, 4)  # 배치 1, 단계 3, 특징 4


def kept(values):
    """학습 모드 출력에서 살아남은 자리를 1, 떨어진 자리를 0으로 표시합니다."""
    return (values[0] != 0).int().numpy()


torch.manual_seed(1)
# 1) nn.Dropout: 단계마다 다른 마스크 (Keras의 Dropout 층과 같은 일)
print("nn.Dropout:")
print(kept(nn.Dropout(0.5)(ones)))
# 2) nn.RNN(dropout=)은 층이 하나면 아무 일도 하지 않고 경고만 냅니다
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    nn.RNN(4, 4, dropout=0.5)
print("경고:", str(caught[0].message).split(", so")[0])
# 3) 층이 둘이면 1층의 출력을 단계마다 다른 마스크로 떨어뜨립니다.
# 입력을 그대로 내보내도록 가중치를 골라 마스크를 눈으로 봅니다
see_through = nn.RNN(4, 4, num_layers=2, dropout=0.5, nonlinearity="relu")
with torch.no_grad():
    for name, param in see_through.named_parameters():
        param.copy_(torch.eye(4) if name.startswith("weight_ih") else 0)
print("nn.RNN(num_layers=2, dropout=0.5):")
print(kept(see_through(ones.transpose(0, 1))[0].transpose(0, 1)))
# --8<-- [end:dropout]

# --8<-- [start:exercise-pre]
# 연습 문제 1: 앞을 채운 입력이면 패킹 없이도 마지막 단계가 실제 단어입니다
x_pre = pad_sequence(
    [torch.tensor(ids) for ids in TRAIN_IDS], batch_first=True, padding_side="left"
)
with torch.no_grad():
    _, h_pre = model.rnn(model.embedding(x_pre))
    pre_probs = torch.softmax(model.fc(h_pre[-1]), dim=1).numpy()
for name, probs in (("left ", pre_probs), ("right", padded_probs)):
    gap = np.abs(probs[:, 1] - train_probs[:, 1]).mean()
    flips = int((probs.argmax(axis=1) != train_probs.argmax(axis=1)).sum())
    print(f"패킹 없이 {name}: P(긍정) 차이 평균 {gap:.3f}, 바뀐 예측 {flips}개")
# bias가 0이면 영벡터 패딩을 읽어도 상태가 0에 머뭅니다
bias_size = max(model.rnn.bias_ih_l0.abs().max(), model.rnn.bias_ih_l1.abs().max())
print(f"학습한 RNN bias의 최대 절댓값: {bias_size:.3f}")
# --8<-- [end:exercise-pre]

# --8<-- [start:exercise-sort]
# 연습 문제 2: enforce_sorted=True로 직접 해 보기. 긴 문장부터 정렬해 묶고
# h_n을 원래 순서로 되돌립니다 (enforce_sorted=False가 속에서 하는 일)
order = torch.argsort(lengths, descending=True, stable=True)
with torch.no_grad():
    packed_sorted = pack_padded_sequence(
        model.embedding(x_train[order]), lengths[order], batch_first=True
    )
    _, h_sorted = model.rnn(packed_sorted)
    sorted_probs = torch.softmax(model.fc(h_sorted[-1]), dim=1).numpy()
restored = np.empty_like(sorted_probs)
restored[order.numpy()] = sorted_probs  # 원래 순서로 되돌립니다
print("정렬 순서:", order.tolist())
print("원래 순서로 되돌리면 같은 예측:", np.allclose(restored, train_probs, atol=1e-6))
# --8<-- [end:exercise-sort]
