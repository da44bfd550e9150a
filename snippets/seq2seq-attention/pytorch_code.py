# Seq2Seq + Bahdanau 어텐션 — PyTorch 2
# 실행: python pytorch_code.py   (섹션 이름은 tensorflow_code.py와 같습니다)

# --8<-- [start:data]
import torch
from torch import nn

from data import (
    EMBED_DIM,
    FLOAT,
    PAD_ID,
    SRC_VOCAB,
    TEST_PAIRS,
    TGT_VOCAB,
    TGT_WORDS,
    TRAIN_PAIRS,
    UNITS,
    make_arrays,
)

torch.manual_seed(0)
torch.set_default_dtype(getattr(torch, FLOAT))  # 평소에는 기본값 float32

# NumPy의 int64를 그대로 씁니다 (CrossEntropyLoss의 정답은 int64여야 합니다)
src, decoder_in, decoder_out = (torch.from_numpy(a) for a in make_arrays(TRAIN_PAIRS))
print("학습 문장:", len(TRAIN_PAIRS), "/ 평가용 문장:", len(TEST_PAIRS))
print("인코더 입력:", tuple(src.shape), str(src.dtype).removeprefix("torch."))
print("디코더 입력:", tuple(decoder_in.shape), "/ 정답:", tuple(decoder_out.shape))
print("영어:", TRAIN_PAIRS[0][0])
print("디코더 입력:", [TGT_WORDS[int(i)] for i in decoder_in[0]])
print("디코더 정답:", [TGT_WORDS[int(i)] for i in decoder_out[0]])
# --8<-- [end:data]


# --8<-- [start:model]
# 인코더는 13편과 똑같습니다
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
        # 입력 크기를 직접 적습니다. bias는 W2 하나에만 둡니다 (본문 참고)
        self.W1 = nn.Linear(units, units, bias=False)  # 디코더 상태(query)용
        self.W2 = nn.Linear(units, units)  # 인코더 출력(values)용
        self.V = nn.Linear(units, 1, bias=False)

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

# PyTorch는 만들 때 이미 가중치가 있습니다. 모양만 확인합니다
enc_outputs, state = encoder(src)
print("인코더 출력:", tuple(enc_outputs.shape), "/ 마지막 상태:", tuple(state.shape))
logits, _, weights = decoder(decoder_in[:, 0], state, enc_outputs, src != PAD_ID)
print("한 시점 로짓:", tuple(logits.shape), "/ 어텐션 가중치:", tuple(weights.shape))
n_params = sum(p.numel() for m in (encoder, decoder) for p in m.parameters())
print("파라미터 수:", n_params)
# --8<-- [end:model]

# --8<-- [start:step]
import math

from data import BETA_1, BETA_2, KERAS_EPSILON, LEARNING_RATE

loss_fn = nn.CrossEntropyLoss(ignore_index=PAD_ID)  # 13편과 같습니다
parameters = [*encoder.parameters(), *decoder.parameters()]
optimizer = torch.optim.Adam(parameters, lr=LEARNING_RATE, betas=(BETA_1, BETA_2))


def keras_epsilon(t):
    """t번째 갱신에서 Keras Adam(ε = KERAS_EPSILON)과 같은 식이 되는 PyTorch의 eps."""
    return KERAS_EPSILON / math.sqrt(1 - BETA_2**t)


def teacher_forcing(src, decoder_in):
    """정답 단어를 다음 입력으로 넣으며 모든 시점의 로짓 (N, T, V)을 구합니다."""
    enc_outputs, state = encoder(src)
    mask = src != PAD_ID
    logits = []
    for t in range(decoder_in.shape[1]):  # 즉시 실행(eager): 평범한 파이썬 반복문
        step_logits, state, _ = decoder(decoder_in[:, t], state, enc_outputs, mask)
        logits.append(step_logits)
    return torch.stack(logits, dim=1)


def train_step(src, decoder_in, decoder_out, t):
    logits = teacher_forcing(src, decoder_in)
    # CrossEntropyLoss는 (N, V) 로짓과 (N,) 정답을 받습니다:
    # 시점 축을 배치 축에 합칩니다
    loss = loss_fn(logits.reshape(-1, logits.shape[-1]), decoder_out.reshape(-1))
    optimizer.zero_grad()  # .grad는 누적되므로 매번 비웁니다
    loss.backward()
    for group in optimizer.param_groups:
        group["eps"] = keras_epsilon(t)
    optimizer.step()
    return loss.item()


# --8<-- [end:step]

# --8<-- [start:train]
import matplotlib.pyplot as plt

from data import STEPS

losses = []  # 갱신마다의 손실 (갱신 전 가중치로 계산한 값)
for t in range(1, STEPS + 1):
    losses.append(train_step(src, decoder_in, decoder_out, t))
for step in [1, *range(30, STEPS + 1, 30)]:  # 1, 30, 60, …번째 갱신
    print(f"step {step:3d}  loss {losses[step - 1]:.4f}")

fig, ax = plt.subplots(figsize=(4.2, 3.0))
ax.plot(range(1, len(losses) + 1), losses, color="tab:blue")
ax.set_xlabel("갱신 횟수")
ax.set_ylabel("교차 엔트로피 (패딩 제외)")
ax.set_title("PyTorch 학습 손실")
fig.tight_layout()
plt.show()
# --8<-- [end:train]

# --8<-- [start:decode]
from data import BOS_ID


@torch.no_grad()  # 번역에는 기울기 기록이 필요 없습니다
def translate(src, max_len):
    """탐욕적 디코딩: <bos>에서 출발해 매 시점 점수가 가장 높은 단어를 다음 입력으로."""
    enc_outputs, state = encoder(src)
    mask = src != PAD_ID
    token = torch.full((src.shape[0],), BOS_ID)
    tokens, attention = [], []
    for _ in range(max_len):
        logits, state, weights = decoder(token, state, enc_outputs, mask)
        token = logits.argmax(dim=-1)
        tokens.append(token)
        attention.append(weights)
    # (N, T) 단어 번호와 (N, T, S) 어텐션 가중치
    return torch.stack(tokens, dim=1).numpy(), torch.stack(attention, dim=1).numpy()


# --8<-- [end:decode]

# --8<-- [start:translate]
from data import HEATMAP_SENTENCE, TGT_LEN, count_correct, plot_attention, to_words

test_src = torch.from_numpy(make_arrays(TEST_PAIRS)[0])
train_tokens, _ = translate(src, TGT_LEN)
test_tokens, attention = translate(test_src, TGT_LEN)
n_train = count_correct(train_tokens, TRAIN_PAIRS)
n_test = count_correct(test_tokens, TEST_PAIRS)
print(f"학습 문장 정답: {n_train}/{len(TRAIN_PAIRS)}")
print(f"처음 보는 문장 정답: {n_test}/{len(TEST_PAIRS)}")
for k in (0, 1, 100, 101, 200, 201):  # 목적어 1개, 2개, 3개인 평가 문장
    english, korean = TEST_PAIRS[k]
    output = to_words(test_tokens[k])
    print(english)
    print(f"  → {output}  {'✔' if output == korean else '✘ 정답: ' + korean}")

k = [english for english, _ in TEST_PAIRS].index(HEATMAP_SENTENCE)
fig, ax = plt.subplots(figsize=(4.8, 3.8))
image = plot_attention(
    ax, attention[k], HEATMAP_SENTENCE, to_words(test_tokens[k]), "PyTorch"
)
fig.colorbar(image, ax=ax, label="어텐션 가중치")
fig.tight_layout()
plt.show()
# --8<-- [end:translate]

# --8<-- [start:exercise-mask]
# 연습 문제 1: 학습한 모델에서 어텐션 마스크를 빼고 번역하면?
everywhere = torch.ones_like(test_src, dtype=torch.bool)  # 패딩 자리도 볼 수 있게
with torch.no_grad():
    enc_outputs, state = encoder(test_src)
    token = torch.full((test_src.shape[0],), BOS_ID)
    unmasked, on_padding = [], []
    for _ in range(TGT_LEN):
        logits, state, weights = decoder(token, state, enc_outputs, everywhere)
        token = logits.argmax(dim=-1)
        unmasked.append(token)
        # 패딩 자리에 준 가중치의 합
        on_padding.append((weights * (test_src == PAD_ID)).sum(dim=1))
unmasked = torch.stack(unmasked, dim=1).numpy()
share = torch.stack(on_padding).mean().item()
print(f"마스크 없이: 처음 보는 문장 정답 {count_correct(unmasked, TEST_PAIRS)}/300")
print(f"패딩 자리에 간 어텐션 가중치: 평균 {share:.1%}")
# --8<-- [end:exercise-mask]


# --8<-- [start:exercise-sampling]
# 연습 문제 2: 가장 높은 점수 대신 온도(temperature)를 둔 확률로 뽑으면?
@torch.no_grad()
def sample(src, max_len, temperature):
    enc_outputs, state = encoder(src)
    mask = src != PAD_ID
    token = torch.full((src.shape[0],), BOS_ID)
    tokens = []
    for _ in range(max_len):
        logits, state, _ = decoder(token, state, enc_outputs, mask)
        # multinomial은 로짓이 아니라 확률을 받습니다 (N, 1) → (N,)
        probs = torch.softmax(logits / temperature, dim=-1)
        token = torch.multinomial(probs, 1)[:, 0]
        tokens.append(token)
    return torch.stack(tokens, dim=1).numpy()


for temperature in (0.5, 1.0, 2.0):
    sampled = sample(test_src, TGT_LEN, temperature)
    n_right = count_correct(sampled, TEST_PAIRS)
    print(f"온도 {temperature}: 처음 보는 문장 정답 {n_right}/{len(TEST_PAIRS)}")
    print("  예:", to_words(sampled[200]))
# --8<-- [end:exercise-sampling]
