# Many-to-many와 양방향 RNN: 품사 태깅 — PyTorch 2
# 실행: python pytorch_code.py   (섹션 이름은 tensorflow_code.py와 같습니다)

# --8<-- [start:data]
import numpy as np
import torch
from torch import nn

from data import MAX_LEN, PAD_ID, TAGS, TRAIN_SENTENCES, TRAIN_TAGS, TRAIN_WORDS, WORDS

torch.manual_seed(0)

words = torch.from_numpy(TRAIN_WORDS)  # (문장 수, MAX_LEN) int64
tags = torch.from_numpy(TRAIN_TAGS)  # CrossEntropyLoss는 int64 정답을 받습니다
lengths = (words != PAD_ID).sum(dim=1)
dtype = str(words.dtype).removeprefix("torch.")
print("단어:", tuple(words.shape), dtype, "/ 태그:", tuple(tags.shape))
print("어휘:", len(WORDS), "단어 / 태그:", len(TAGS), "종류 (0번은 패딩)")
print("첫 문장:", TRAIN_SENTENCES[0][0], "→", words[0].tolist())
print("문장 길이:", lengths.tolist(), "/ 패딩 뒤 길이:", MAX_LEN)
# --8<-- [end:data]


# --8<-- [start:model]
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence

from data import EMBED_DIM, HIDDEN, N_TAGS


class Tagger(nn.Module):
    def __init__(self):
        super().__init__()
        self.embedding = nn.Embedding(len(WORDS), EMBED_DIM)
        # bidirectional=True: 정방향과 역방향(_reverse) 가중치를 함께 만듭니다
        self.rnn = nn.RNN(EMBED_DIM, HIDDEN, batch_first=True, bidirectional=True)
        self.fc = nn.Linear(2 * HIDDEN, N_TAGS)  # 입력이 2H
        # Keras 셀은 편향이 하나뿐입니다. 같은 모델을 학습하도록
        # 둘째 편향 bias_hh는 0으로 두고 학습하지 않습니다 (본문 참고)
        for name, parameter in self.rnn.named_parameters():
            if name.startswith("bias_hh"):
                nn.init.zeros_(parameter)
                parameter.requires_grad_(False)

    def encode(self, words):
        lengths = (words != PAD_ID).sum(dim=1)  # 문장마다 실제 단어 수
        # 패딩을 빼고 묶어야 역방향이 문장의 마지막 단어에서 출발합니다
        packed = pack_padded_sequence(
            self.embedding(words), lengths, batch_first=True, enforce_sorted=False
        )
        out, h_n = self.rnn(packed)
        out, _ = pad_packed_sequence(out, batch_first=True, total_length=words.shape[1])
        return out, h_n  # (B, L, 2H), (층 수·2, B, H)

    def forward(self, words):
        return self.fc(self.encode(words)[0])  # Linear는 마지막 축에 작용합니다


tagger = Tagger()
print("양방향 RNN 출력:", tuple(tagger.encode(words)[0].shape), "= (B, L, 2H)")
print("로짓:", tuple(tagger(words).shape))
for name, suffix in (("정방향", "l0"), ("역방향", "l0_reverse")):
    shapes = [
        tuple(getattr(tagger.rnn, f"{kind}_{suffix}").shape)
        for kind in ("weight_ih", "weight_hh", "bias_ih", "bias_hh")
    ]
    print(f"{name} _{suffix}: weight_ih {shapes[0]}, weight_hh {shapes[1]},", end="")
    print(f" bias_ih {shapes[2]}, bias_hh {shapes[3]}")
trainable = [p for p in tagger.parameters() if p.requires_grad]
print("파라미터 수:", sum(p.numel() for p in tagger.parameters()), end="")
print(" / 학습하는 것:", sum(p.numel() for p in trainable))
# --8<-- [end:model]

# --8<-- [start:merge]
out, h_n = tagger.encode(words)  # PyTorch는 늘 이어 붙입니다: [정방향 H | 역방향 H]
forward_half, backward_half = out[..., :HIDDEN], out[..., HIDDEN:]
batch, length = words.shape
merged = {
    "concat": out,
    "sum": forward_half + backward_half,
    "ave": (forward_half + backward_half) / 2,
    "mul": forward_half * backward_half,
    None: out.view(batch, length, 2, HIDDEN).unbind(dim=2),  # 방향 축으로 나눔
}
for mode, value in merged.items():
    if mode is None:
        print("merge_mode=None 대신:", [tuple(v.shape) for v in value])
    else:
        print(f"merge_mode={mode!r:9}:", tuple(value.shape))
summed = merged["sum"]
directions = out.view(batch, length, 2, HIDDEN)  # 문서에 적힌 방향 축 나누기
print("view의 방향 0 = 앞 절반:", torch.equal(directions[:, :, 0], forward_half))
# --8<-- [end:merge]

# --8<-- [start:states]
# h_n: (층 수·방향 수, B, H). 층 하나면 [0]이 정방향, [1]이 역방향입니다
print("출력:", tuple(out.shape), "/ h_n:", tuple(h_n.shape))
h_forward, h_backward = h_n[-2], h_n[-1]  # 마지막 층의 정방향, 역방향

rows = torch.arange(len(words))
last = lengths - 1  # 문장마다 마지막 실제 단어의 위치
print(
    "h_n[-2] = 마지막 단어의 앞 절반:", torch.equal(h_forward, out[rows, last, :HIDDEN])
)
print("h_n[-1] = 첫 단어의 뒤 절반:", torch.equal(h_backward, out[:, 0, HIDDEN:]))
print("h_n[-2] = 마지막 칸의 앞 절반?", torch.equal(h_forward, out[:, -1, :HIDDEN]))
# 문장 하나를 요약하는 벡터 (many-to-one 분류에 씁니다)
sentence_vector = torch.cat([h_forward, h_backward], dim=-1)
print("문장 벡터:", tuple(sentence_vector.shape))
# --8<-- [end:states]

# --8<-- [start:loss]
loss_fn = nn.CrossEntropyLoss(ignore_index=PAD_ID)  # 태그 0인 위치는 평균에서 뺍니다
logits = tagger(words)  # (B, L, C): 마스크 같은 것은 따라오지 않습니다
n_real = int(lengths.sum())
print("실제 단어:", n_real, "/ 패딩:", words.numel() - n_real)
try:
    loss_fn(logits, tags)  # (N, L, C) 그대로는 받지 않습니다
except RuntimeError as err:
    print(f"{type(err).__name__}: {err}")

# CrossEntropyLoss는 클래스 축이 둘째인 (N, C, L)을 받습니다
masked = loss_fn(logits.transpose(1, 2), tags).item()
every = nn.CrossEntropyLoss()(logits.transpose(1, 2), tags).item()
flat = loss_fn(logits.reshape(-1, N_TAGS), tags.reshape(-1)).item()  # (N·L, C)
print(f"ignore_index 있음: {masked:.4f} / 없음: {every:.4f}")
print(f"(N·L, C)로 펴서: {flat:.4f}")
# --8<-- [end:loss]

# --8<-- [start:step]
import math

from data import BETA_2, KERAS_EPSILON, LEARNING_RATE

optimizer = torch.optim.Adam(trainable, lr=LEARNING_RATE, betas=(0.9, BETA_2))


def keras_epsilon(step):
    """Keras Adam(ε)과 똑같이 갱신하려면 PyTorch의 ε을 단계마다 이렇게 둡니다."""
    return KERAS_EPSILON / math.sqrt(1 - BETA_2**step)


for step in (1, 10, 120):
    print(f"{step:3d}번째 갱신의 ε: {keras_epsilon(step):.3e}")


def train_step(words, tags, step):
    for group in optimizer.param_groups:
        group["eps"] = keras_epsilon(step)
    optimizer.zero_grad()  # .grad는 누적되므로 매번 비웁니다
    loss = loss_fn(tagger(words).transpose(1, 2), tags)
    loss.backward()
    optimizer.step()
    return loss.item()


# --8<-- [end:step]

# --8<-- [start:train]
from data import EPOCHS, batches

losses = []  # 갱신마다의 손실
for epoch in range(EPOCHS):
    for index in batches(epoch):  # data.py가 정한 순서 그대로
        index = torch.from_numpy(index)
        losses.append(train_step(words[index], tags[index], step=len(losses) + 1))
    if epoch + 1 in (1, 10, 20, EPOCHS):
        recent = np.mean(losses[-len(batches(epoch)) :])
        print(f"epoch {epoch + 1:2d}  평균 손실 {recent:.4f}")
print("갱신 횟수:", len(losses))
# --8<-- [end:train]

# --8<-- [start:predict]
import matplotlib.pyplot as plt

from data import TEST_SENTENCES, TEST_WORDS, plot_tag_probabilities


@torch.no_grad()  # 추론에는 기울기 기록이 필요 없습니다
def predict_tags(word_ids):
    logits = tagger(torch.from_numpy(word_ids))
    return logits.argmax(dim=-1).numpy(), torch.softmax(logits, dim=-1).numpy()


tagger.eval()  # 이 모델에는 Dropout이 없지만 습관처럼
train_pred, _ = predict_tags(TRAIN_WORDS)
real = TRAIN_WORDS != PAD_ID
print("학습 문장 정확도:", f"{(train_pred == TRAIN_TAGS)[real].mean():.4f}")

test_pred, test_prob = predict_tags(TEST_WORDS)
for (sentence, answer), row in zip(TEST_SENTENCES, test_pred):
    guess = " ".join(TAGS[t] for t in row[: len(sentence.split())])
    print(f"{sentence:24s} → {guess}  {'맞음' if guess == answer else '틀림'}")

plot_tag_probabilities(test_prob, "PyTorch")
plt.show()
# --8<-- [end:predict]

# --8<-- [start:exercise-forward]
# 연습 문제 1: 정방향 RNN 하나로 같은 학습을 하면 첫 단어 'that'을 구별할까?
torch.manual_seed(0)


class ForwardTagger(nn.Module):
    def __init__(self):
        super().__init__()
        self.embedding = nn.Embedding(len(WORDS), EMBED_DIM)
        self.rnn = nn.RNN(EMBED_DIM, 2 * HIDDEN, batch_first=True)  # 출력 크기를 2H로
        self.fc = nn.Linear(2 * HIDDEN, N_TAGS)

    def forward(self, words):
        # 정방향만 있으면 패딩이 뒤에 있어 실제 단어의 출력은 packing과 상관없습니다
        return self.fc(self.rnn(self.embedding(words))[0])


forward_only = ForwardTagger()
forward_optimizer = torch.optim.Adam(forward_only.parameters(), lr=LEARNING_RATE)
for epoch in range(EPOCHS):
    for index in batches(epoch):
        index = torch.from_numpy(index)
        forward_optimizer.zero_grad()
        loss = loss_fn(forward_only(words[index]).transpose(1, 2), tags[index])
        loss.backward()
        forward_optimizer.step()

with torch.no_grad():
    for name, model in (("양방향", tagger), ("정방향만", forward_only)):
        first = [TAGS[t] for t in model(words)[:, 0].argmax(-1)]  # 첫 단어의 예측
        starts = [
            i for i, (s, _) in enumerate(TRAIN_SENTENCES) if s.startswith("that ")
        ]
        truth = [TAGS[TRAIN_TAGS[i, 0]] for i in starts]
        print(f"{name}: 'that'의 정답 {truth} / 예측 {[first[i] for i in starts]}")
# --8<-- [end:exercise-forward]

# --8<-- [start:exercise-pack]
# 연습 문제 2: packing을 빼면 두 방향 중 어느 쪽이 달라질까?
with torch.no_grad():
    with_packing, _ = tagger.encode(words)
    without_packing, _ = tagger.rnn(tagger.embedding(words))  # 패딩까지 그대로
gap = (without_packing - with_packing).abs()[torch.from_numpy(real)]  # 실제 단어만
print(f"정방향 절반의 최대 차이: {gap[:, :HIDDEN].max():.4f}")
print(f"역방향 절반의 최대 차이: {gap[:, HIDDEN:].max():.4f}")
# --8<-- [end:exercise-pack]

# --8<-- [start:exercise-layers]
# 연습 문제 3: 양방향 층 두 개를 쌓으면 마지막 상태는 어디에 있을까?
deep = nn.RNN(EMBED_DIM, HIDDEN, num_layers=2, batch_first=True, bidirectional=True)
packed = pack_padded_sequence(
    tagger.embedding(words), lengths, batch_first=True, enforce_sorted=False
)
with torch.no_grad():
    top, h_n = deep(packed)
top, _ = pad_packed_sequence(top, batch_first=True, total_length=MAX_LEN)
print("둘째 층 출력:", tuple(top.shape), "/ h_n:", tuple(h_n.shape))
layered = h_n.view(2, 2, len(words), HIDDEN)  # (층, 방향, B, H)
top_forward, top_backward = layered[-1, 0], layered[-1, 1]  # = h_n[2], h_n[3]
print("정방향 = 마지막 단어:", torch.equal(top_forward, top[rows, last, :HIDDEN]))
print("역방향 = 첫 단어:", torch.equal(top_backward, top[:, 0, HIDDEN:]))
# --8<-- [end:exercise-layers]
