# Seq2Seq 인코더-디코더와 교사 강요 — PyTorch 2
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
class Encoder(nn.Module):
    def __init__(self, vocab_size, embed_dim, units):
        super().__init__()
        self.embedding = nn.Embedding(vocab_size, embed_dim)
        # batch_first=True: (N, S, E) 순서. 기본값은 (S, N, E)입니다
        self.gru = nn.GRU(embed_dim, units, batch_first=True)

    def forward(self, tokens):
        outputs, h_n = self.gru(self.embedding(tokens))  # h_n: (층 수, N, U)
        return outputs, h_n[0]  # (N, S, U), (N, U)


class Decoder(nn.Module):
    def __init__(self, vocab_size, embed_dim, units):
        super().__init__()
        self.embedding = nn.Embedding(vocab_size, embed_dim)
        self.gru = nn.GRU(embed_dim, units, batch_first=True)
        self.fc = nn.Linear(units, vocab_size)

    def forward(self, tokens, state):
        # tokens (N, T): 학습 때는 정답 문장 전체, 번역할 때는 T = 1
        # 두 번째 인자 h_0은 (층 수, N, U) 모양이라 state[None]으로 축을 더합니다
        outputs, h_n = self.gru(self.embedding(tokens), state[None])
        return self.fc(outputs), h_n[0]  # 로짓 (N, T, V), 상태 (N, U)


encoder = Encoder(len(SRC_VOCAB), EMBED_DIM, UNITS)
decoder = Decoder(len(TGT_VOCAB), EMBED_DIM, UNITS)

# PyTorch는 만들 때 이미 가중치가 있습니다. 모양만 확인합니다
enc_outputs, state = encoder(src)
print("인코더 출력:", tuple(enc_outputs.shape), "/ 마지막 상태:", tuple(state.shape))
logits, _ = decoder(decoder_in, state)
print("디코더 로짓:", tuple(logits.shape))
n_params = sum(p.numel() for m in (encoder, decoder) for p in m.parameters())
print("파라미터 수:", n_params)
try:  # h_0을 (N, U) 그대로 넘기면
    decoder.gru(decoder.embedding(decoder_in), state)
except RuntimeError as err:
    print(f"{type(err).__name__}: {err}")
# --8<-- [end:model]


# --8<-- [start:teacher-forcing]
def teacher_forcing(src, decoder_in):
    """정답 문장 전체를 디코더에 한 번에 넣어 모든 시점의 로짓 (N, T, V)을 구합니다."""
    _, state = encoder(src)
    logits, _ = decoder(decoder_in, state)
    return logits


def teacher_forcing_loop(src, decoder_in):
    """같은 계산을 한 시점씩 합니다. 입력은 여전히 정답 단어입니다."""
    _, state = encoder(src)
    steps = []
    for t in range(decoder_in.shape[1]):
        step_logits, state = decoder(decoder_in[:, t : t + 1], state)
        steps.append(step_logits)  # (N, 1, V)
    return torch.cat(steps, dim=1)


whole = teacher_forcing(src, decoder_in)
looped = teacher_forcing_loop(src, decoder_in)
print("한 번에:", tuple(whole.shape), "/ 한 시점씩:", tuple(looped.shape))
print("두 로짓이 같은가:", torch.allclose(whole, looped, atol=1e-5))
# --8<-- [end:teacher-forcing]

# --8<-- [start:loss]
# 패딩 자리(정답 번호 0)는 평균에서 뺍니다
loss_fn = nn.CrossEntropyLoss(ignore_index=PAD_ID)
# CrossEntropyLoss는 (N, V) 로짓과 (N,) 정답을 받으므로 시점 축을 배치 축에 합칩니다
flat_logits = whole.reshape(-1, whole.shape[-1])  # (N·T, V)
flat_target = decoder_out.reshape(-1)  # (N·T,)
per_token = nn.CrossEntropyLoss(reduction="none")(flat_logits, flat_target)
real = (flat_target != PAD_ID).to(per_token.dtype)  # 단어와 <eos> 자리 = 1
masked = loss_fn(flat_logits, flat_target).item()
by_hand = ((per_token * real).sum() / real.sum()).item()
everything = per_token.mean().item()
n_real, n_all = int(real.sum()), flat_target.numel()
print(f"정답 {n_all}자리 중 패딩이 아닌 자리: {n_real}")
print(f"ignore_index 손실 {masked:.4f} = 직접 계산 {by_hand:.4f}")
print(f"패딩까지 평균하면 {everything:.4f}")
# --8<-- [end:loss]

# --8<-- [start:step]
import math

from data import BETA_1, BETA_2, KERAS_EPSILON, LEARNING_RATE

parameters = [*encoder.parameters(), *decoder.parameters()]
optimizer = torch.optim.Adam(parameters, lr=LEARNING_RATE, betas=(BETA_1, BETA_2))


def keras_epsilon(t):
    """t번째 갱신에서 Keras Adam(ε = KERAS_EPSILON)과 같은 식이 되는 PyTorch의 eps."""
    return KERAS_EPSILON / math.sqrt(1 - BETA_2**t)


def train_step(src, decoder_in, decoder_out, t):
    logits = teacher_forcing(src, decoder_in)
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
    _, state = encoder(src)
    token = torch.full((src.shape[0], 1), BOS_ID)  # (N, 1)
    tokens = []
    for _ in range(max_len):
        logits, state = decoder(token, state)  # 한 시점만 진행
        token = logits.argmax(dim=-1)  # (N, 1)
        tokens.append(token)
    # 문장마다 <eos>가 나온 뒤의 단어는 to_words가 버립니다
    return torch.cat(tokens, dim=1).numpy()


# --8<-- [end:decode]

# --8<-- [start:translate]
from data import TGT_LEN, count_correct, to_words

test_src = torch.from_numpy(make_arrays(TEST_PAIRS)[0])
train_tokens = translate(src, TGT_LEN)
test_tokens = translate(test_src, TGT_LEN)
n_train = count_correct(train_tokens, TRAIN_PAIRS)
n_test = count_correct(test_tokens, TEST_PAIRS)
print(f"학습 문장 정답: {n_train}/{len(TRAIN_PAIRS)}")
print(f"처음 보는 문장 정답: {n_test}/{len(TEST_PAIRS)}")
for k in (0, 1, 100, 101, 200, 201):  # 목적어 1개, 2개, 3개인 평가 문장
    english, korean = TEST_PAIRS[k]
    output = to_words(test_tokens[k])
    print(english)
    print(f"  → {output}  {'✔' if output == korean else '✘ 정답: ' + korean}")
# --8<-- [end:translate]

# --8<-- [start:exercise-roles]
# 연습 문제 1: 처음 보는 문장에서 어떤 단어를 틀리는가 (주어·시간·목적어·동사)
from data import accuracy_by_role

for role, value in accuracy_by_role(test_tokens, TEST_PAIRS).items():
    print(f"{role}: {value:.0%}")
# --8<-- [end:exercise-roles]

# --8<-- [start:exercise-init]
# 연습 문제 2: Embedding의 초깃값을 Keras의 기본값 U(−0.05, 0.05)로 바꿔 다시 학습합니다
torch.manual_seed(0)
encoder = Encoder(len(SRC_VOCAB), EMBED_DIM, UNITS)
decoder = Decoder(len(TGT_VOCAB), EMBED_DIM, UNITS)
for module in (encoder, decoder):
    nn.init.uniform_(module.embedding.weight, -0.05, 0.05)
parameters = [*encoder.parameters(), *decoder.parameters()]
optimizer = torch.optim.Adam(parameters, lr=LEARNING_RATE, betas=(BETA_1, BETA_2))
for t in range(1, STEPS + 1):  # train_step은 새 encoder·decoder·optimizer를 씁니다
    train_step(src, decoder_in, decoder_out, t)
n_train = count_correct(translate(src, TGT_LEN), TRAIN_PAIRS)
n_test = count_correct(translate(test_src, TGT_LEN), TEST_PAIRS)
print("Embedding 초깃값 U(−0.05, 0.05)")
print(f"  학습 문장 정답 {n_train}/{len(TRAIN_PAIRS)}, 평가 {n_test}/{len(TEST_PAIRS)}")
# --8<-- [end:exercise-init]
