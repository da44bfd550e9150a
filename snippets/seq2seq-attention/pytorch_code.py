# Seq2Seq + Bahdanau 어텐션 — PyTorch 2
# 실행: python pytorch_code.py   (섹션 이름은 tensorflow_code.py와 같습니다)

# --8<-- [start:data]
import torch
from torch import nn

from data import (
    EMBED_DIM,
    LEARNING_RATE,
    PAD_ID,
    SRC_VOCAB,
    STEPS,
    TEST_PAIRS,
    TGT_VOCAB,
    TRAIN_PAIRS,
    UNITS,
    make_arrays,
)

torch.manual_seed(42)

src, decoder_in, decoder_out = (
    torch.from_numpy(a) for a in make_arrays(TRAIN_PAIRS)
)  # int64 그대로
print("학습 문장:", len(TRAIN_PAIRS), "/ 평가용으로 남겨 둔 문장:", len(TEST_PAIRS))
print("인코더 입력:", tuple(src.shape), str(src.dtype).removeprefix("torch."))
print("디코더 입력:", tuple(decoder_in.shape), "/ 정답:", tuple(decoder_out.shape))
print("첫 문장 번호:", src[0].tolist())
# --8<-- [end:data]


# --8<-- [start:model]
class Encoder(nn.Module):
    def __init__(self, vocab_size, embed_dim, units):
        super().__init__()
        self.embedding = nn.Embedding(vocab_size, embed_dim)
        # batch_first=True: (N, S, E) 순서. 기본값은 (S, N, E)입니다
        self.gru = nn.GRU(embed_dim, units, batch_first=True)

    def forward(self, tokens):
        outputs, h_n = self.gru(self.embedding(tokens))  # h_n: (층 수, N, U)
        return outputs, h_n[0]  # (N, S, U), (N, U)


class BahdanauAttention(nn.Module):
    """score = V·tanh(W1·query + W2·values) — 더하기(additive) 어텐션."""

    def __init__(self, units):
        super().__init__()
        self.W1 = nn.Linear(units, units)  # 입력 크기를 직접 적어야 합니다
        self.W2 = nn.Linear(units, units)
        self.V = nn.Linear(units, 1)

    def forward(self, query, values, mask):
        # query (N, U) → (N, 1, U): 모든 인코더 시점에 한꺼번에 더합니다
        # (시점 반복문 없음)
        hidden = torch.tanh(self.W1(query)[:, None, :] + self.W2(values))  # (N, S, U)
        score = self.V(hidden)[..., 0]  # (N, S)
        score = score.masked_fill(~mask, -1e9)  # 패딩 위치는 가중치가 0이 되게
        weights = torch.softmax(score, dim=-1)  # (N, S)
        context = torch.einsum("ns,nsu->nu", weights, values)  # 가중 평균 (N, U)
        return context, weights


class Decoder(nn.Module):
    def __init__(self, vocab_size, embed_dim, units):
        super().__init__()
        self.embedding = nn.Embedding(vocab_size, embed_dim)
        self.attention = BahdanauAttention(units)
        self.cell = nn.GRUCell(units + embed_dim, units)  # 한 시점씩 진행
        self.fc = nn.Linear(units, vocab_size)

    def forward(self, token, state, enc_outputs, mask):
        # Bahdanau: 이전 상태로 어텐션 → 문맥 벡터를 입력 임베딩과 이어 붙여
        # GRU에 넣습니다
        context, weights = self.attention(state, enc_outputs, mask)
        x = torch.cat([context, self.embedding(token)], dim=-1)
        state = self.cell(x, state)
        return self.fc(state), state, weights


encoder = Encoder(len(SRC_VOCAB), EMBED_DIM, UNITS)
decoder = Decoder(len(TGT_VOCAB), EMBED_DIM, UNITS)

# 한 번 호출해 모양을 확인합니다 (PyTorch는 만들 때 이미 가중치가 있습니다)
outputs, h_n = encoder.gru(encoder.embedding(src))
print("GRU 출력:", tuple(outputs.shape), "/ 마지막 상태:", tuple(h_n.shape))
logits, _, weights = decoder(decoder_in[:, 0], h_n[0], outputs, src != PAD_ID)
print("한 시점 로짓:", tuple(logits.shape), "/ 어텐션 가중치:", tuple(weights.shape))
print(
    "파라미터 수:", sum(p.numel() for m in (encoder, decoder) for p in m.parameters())
)
# --8<-- [end:model]

# --8<-- [start:step]
loss_fn = nn.CrossEntropyLoss(ignore_index=PAD_ID)
parameters = [*encoder.parameters(), *decoder.parameters()]
optimizer = torch.optim.Adam(
    parameters, lr=LEARNING_RATE, eps=1e-7
)  # Keras의 기본 epsilon


def teacher_forcing(src, decoder_in):
    """정답 단어를 다음 입력으로 넣으며 모든 시점의 로짓 (N, T, V)을 구합니다."""
    enc_outputs, state = encoder(src)
    mask = src != PAD_ID
    logits = []
    for t in range(decoder_in.shape[1]):  # 즉시 실행(eager): 평범한 파이썬 반복문
        step_logits, state, _ = decoder(decoder_in[:, t], state, enc_outputs, mask)
        logits.append(step_logits)
    return torch.stack(logits, dim=1)


def train_step(src, decoder_in, decoder_out):
    logits = teacher_forcing(src, decoder_in)
    # CrossEntropyLoss는 (N, V) 로짓과 (N,) 정답을 받습니다:
    # 시점 축을 배치 축에 합칩니다
    loss = loss_fn(logits.reshape(-1, logits.shape[-1]), decoder_out.reshape(-1))
    optimizer.zero_grad()  # .grad는 누적되므로 매번 비웁니다
    loss.backward()
    optimizer.step()
    return loss


# --8<-- [end:step]

# --8<-- [start:train]
for step in range(1, STEPS + 1):
    loss = train_step(src, decoder_in, decoder_out)
    if step == 1 or step % 30 == 0:
        print(f"step {step:3d}  loss {loss.item():.4f}")
# --8<-- [end:train]

# --8<-- [start:decode]
from data import BOS_ID


@torch.no_grad()  # 추론에는 기울기 기록이 필요 없습니다
def translate(src, max_len):
    """탐욕적(greedy) 디코딩: 매 시점 가장 점수가 높은 단어를 다음 입력으로."""
    enc_outputs, state = encoder(src)
    mask = src != PAD_ID
    token = torch.full((src.shape[0],), BOS_ID)
    tokens, attention = [], []
    for _ in range(max_len):
        logits, state, weights = decoder(token, state, enc_outputs, mask)
        token = logits.argmax(dim=-1)
        tokens.append(token)
        attention.append(weights)
    return torch.stack(tokens, dim=1).numpy(), torch.stack(attention, dim=1).numpy()


# --8<-- [end:decode]

# --8<-- [start:translate]
import matplotlib.pyplot as plt

from data import HEATMAP_SENTENCE, TGT_LEN, count_correct, plot_attention, to_words

test_src = torch.from_numpy(make_arrays(TEST_PAIRS)[0])
train_tokens, _ = translate(src, TGT_LEN)
test_tokens, attention = translate(test_src, TGT_LEN)
print(f"학습 문장 정답: {count_correct(train_tokens, TRAIN_PAIRS)}/{len(TRAIN_PAIRS)}")
print(
    f"처음 보는 문장 정답: {count_correct(test_tokens, TEST_PAIRS)}/{len(TEST_PAIRS)}"
)
for (english, korean), ids in list(zip(TEST_PAIRS, test_tokens))[:6]:
    output = to_words(ids)
    print(f"{english:32s} → {output}  {'✔' if output == korean else '✘'}")

k = [english for english, _ in TEST_PAIRS].index(HEATMAP_SENTENCE)
fig, ax = plt.subplots(figsize=(4.2, 3.6))
plot_attention(ax, attention[k], HEATMAP_SENTENCE, to_words(test_tokens[k]), "PyTorch")
fig.tight_layout()
plt.show()
# --8<-- [end:translate]
