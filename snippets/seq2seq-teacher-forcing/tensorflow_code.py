# Seq2Seq 인코더-디코더와 교사 강요 — TensorFlow 2 / Keras 3
# 실행: python tensorflow_code.py   (섹션 이름은 pytorch_code.py와 같습니다)

# --8<-- [start:data]
import keras
import numpy as np
import tensorflow as tf

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

keras.utils.set_random_seed(0)  # Python·NumPy·TensorFlow 난수를 한 번에 고정
keras.config.set_floatx(FLOAT)  # 평소에는 기본값 float32 (data.py 참고)

src, decoder_in, decoder_out = (
    tf.constant(a, dtype=tf.int32) for a in make_arrays(TRAIN_PAIRS)
)
print("학습 문장:", len(TRAIN_PAIRS), "/ 평가용 문장:", len(TEST_PAIRS))
print("인코더 입력:", src.shape, src.dtype.name)
print("디코더 입력:", decoder_in.shape, "/ 정답:", decoder_out.shape)
print("영어:", TRAIN_PAIRS[0][0])
print("디코더 입력:", [TGT_WORDS[int(i)] for i in decoder_in[0]])
print("디코더 정답:", [TGT_WORDS[int(i)] for i in decoder_out[0]])
# --8<-- [end:data]


# --8<-- [start:model]
class Encoder(keras.Model):
    def __init__(self, vocab_size, embed_dim, units):
        super().__init__()
        self.embedding = keras.layers.Embedding(vocab_size, embed_dim)
        # return_sequences: 모든 시점의 출력, return_state: 마지막 은닉 상태
        self.gru = keras.layers.GRU(units, return_sequences=True, return_state=True)

    def call(self, tokens):
        outputs, state = self.gru(self.embedding(tokens))
        return outputs, state  # (N, S, U), (N, U)


class Decoder(keras.Model):
    def __init__(self, vocab_size, embed_dim, units):
        super().__init__()
        self.embedding = keras.layers.Embedding(vocab_size, embed_dim)
        self.gru = keras.layers.GRU(units, return_sequences=True, return_state=True)
        self.fc = keras.layers.Dense(vocab_size)

    def call(self, tokens, state):
        # tokens (N, T): 학습 때는 정답 문장 전체, 번역할 때는 T = 1
        # initial_state=: 인코더의 마지막 상태에서 출발합니다
        outputs, state = self.gru(self.embedding(tokens), initial_state=state)
        return self.fc(outputs), state  # 로짓 (N, T, V), 상태 (N, U)


encoder = Encoder(len(SRC_VOCAB), EMBED_DIM, UNITS)
decoder = Decoder(len(TGT_VOCAB), EMBED_DIM, UNITS)

# 한 번 호출해 모양을 확인합니다 (Keras는 이때 가중치를 만듭니다)
enc_outputs, state = encoder(src)
print("인코더 출력:", tuple(enc_outputs.shape), "/ 마지막 상태:", tuple(state.shape))
logits, _ = decoder(decoder_in, state)
print("디코더 로짓:", tuple(logits.shape))
n_params = sum(int(tf.size(w)) for w in encoder.weights + decoder.weights)
print("파라미터 수:", n_params)
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
    return tf.concat(steps, axis=1)


whole = teacher_forcing(src, decoder_in)
looped = teacher_forcing_loop(src, decoder_in)
print("한 번에:", tuple(whole.shape), "/ 한 시점씩:", tuple(looped.shape))
print("두 로짓이 같은가:", np.allclose(whole, looped, atol=1e-5))
# --8<-- [end:teacher-forcing]

# --8<-- [start:loss]
# 패딩 자리(정답 번호 0)는 평균에서 뺍니다
loss_fn = keras.losses.SparseCategoricalCrossentropy(
    from_logits=True, ignore_class=PAD_ID
)
per_token = keras.losses.SparseCategoricalCrossentropy(
    from_logits=True, reduction=None
)(decoder_out, whole)  # 자리마다의 손실 (N, T)
real = tf.cast(decoder_out != PAD_ID, per_token.dtype)  # 단어와 <eos> 자리 = 1
masked = float(loss_fn(decoder_out, whole))
by_hand = float(tf.reduce_sum(per_token * real) / tf.reduce_sum(real))
everything = float(tf.reduce_mean(per_token))
n_real, n_all = int(tf.reduce_sum(real)), int(tf.size(real))
print(f"정답 {n_all}자리 중 패딩이 아닌 자리: {n_real}")
print(f"ignore_class 손실 {masked:.4f} = 직접 계산 {by_hand:.4f}")
print(f"패딩까지 평균하면 {everything:.4f}")
# --8<-- [end:loss]

# --8<-- [start:step]
from data import BETA_1, BETA_2, KERAS_EPSILON, LEARNING_RATE

optimizer = keras.optimizers.Adam(
    learning_rate=LEARNING_RATE, beta_1=BETA_1, beta_2=BETA_2, epsilon=KERAS_EPSILON
)


@tf.function  # 한 번 추적(trace)해 그래프로 만든 뒤 반복 실행
def train_step(src, decoder_in, decoder_out):
    with tf.GradientTape() as tape:
        loss = loss_fn(decoder_out, teacher_forcing(src, decoder_in))
    variables = encoder.trainable_variables + decoder.trainable_variables
    # Embedding의 기울기는 희소 텐서(IndexedSlices)로 나옵니다. 밀집 텐서로 바꿔야
    # Adam이 PyTorch와 같은 식으로 갱신합니다 (본문의 '심화' 상자)
    grads = [tf.convert_to_tensor(g) for g in tape.gradient(loss, variables)]
    optimizer.apply_gradients(zip(grads, variables))
    return loss


# --8<-- [end:step]

# --8<-- [start:train]
import matplotlib.pyplot as plt

from data import STEPS

losses = []  # 갱신마다의 손실 (갱신 전 가중치로 계산한 값)
for _ in range(STEPS):
    losses.append(float(train_step(src, decoder_in, decoder_out)))
for step in [1, *range(30, STEPS + 1, 30)]:  # 1, 30, 60, …번째 갱신
    print(f"step {step:3d}  loss {losses[step - 1]:.4f}")

fig, ax = plt.subplots(figsize=(4.2, 3.0))
ax.plot(range(1, len(losses) + 1), losses, color="tab:orange")
ax.set_xlabel("갱신 횟수")
ax.set_ylabel("교차 엔트로피 (패딩 제외)")
ax.set_title("TensorFlow 학습 손실")
fig.tight_layout()
plt.show()
# --8<-- [end:train]

# --8<-- [start:decode]
from data import BOS_ID


def translate(src, max_len):
    """탐욕적 디코딩: <bos>에서 출발해 매 시점 점수가 가장 높은 단어를 다음 입력으로."""
    _, state = encoder(src)
    token = tf.fill([src.shape[0], 1], BOS_ID)  # (N, 1)
    tokens = []
    for _ in range(max_len):
        logits, state = decoder(token, state)  # 한 시점만 진행
        token = tf.argmax(logits, axis=-1, output_type=tf.int32)  # (N, 1)
        tokens.append(token)
    # 문장마다 <eos>가 나온 뒤의 단어는 to_words가 버립니다
    return tf.concat(tokens, axis=1).numpy()


# --8<-- [end:decode]

# --8<-- [start:translate]
from data import TGT_LEN, count_correct, to_words

test_src = tf.constant(make_arrays(TEST_PAIRS)[0], dtype=tf.int32)
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
# 연습 문제 2: Embedding의 초깃값을 PyTorch의 기본값 N(0, 1)로 바꿔 다시 학습합니다
keras.utils.set_random_seed(0)
encoder = Encoder(len(SRC_VOCAB), EMBED_DIM, UNITS)
decoder = Decoder(len(TGT_VOCAB), EMBED_DIM, UNITS)
decoder(decoder_in, encoder(src)[1])  # 가중치를 만듭니다
rng = np.random.default_rng(0)
for layer in (encoder.embedding, decoder.embedding):
    layer.embeddings.assign(rng.normal(size=layer.embeddings.shape).astype(FLOAT))
optimizer = keras.optimizers.Adam(
    learning_rate=LEARNING_RATE, beta_1=BETA_1, beta_2=BETA_2, epsilon=KERAS_EPSILON
)
# 같은 파이썬 함수를 새 모델로 다시 추적합니다 (앞의 그래프는 옛 변수를 씁니다)
retrain_step = tf.function(train_step.python_function)
for _ in range(STEPS):
    retrain_step(src, decoder_in, decoder_out)
n_train = count_correct(translate(src, TGT_LEN), TRAIN_PAIRS)
n_test = count_correct(translate(test_src, TGT_LEN), TEST_PAIRS)
print("Embedding 초깃값 N(0, 1)")
print(f"  학습 문장 정답 {n_train}/{len(TRAIN_PAIRS)}, 평가 {n_test}/{len(TEST_PAIRS)}")
# --8<-- [end:exercise-init]
