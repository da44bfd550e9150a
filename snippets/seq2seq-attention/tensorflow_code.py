# Seq2Seq + Bahdanau 어텐션 — TensorFlow 2 / Keras 3
# 실행: python tensorflow_code.py   (섹션 이름은 pytorch_code.py와 같습니다)

# --8<-- [start:data]
import keras
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
# 인코더는 13편과 똑같습니다
class Encoder(keras.Model):
    def __init__(self, vocab_size, embed_dim, units):
        super().__init__()
        self.embedding = keras.layers.Embedding(vocab_size, embed_dim)
        # return_sequences: 모든 시점의 출력, return_state: 마지막 은닉 상태
        self.gru = keras.layers.GRU(units, return_sequences=True, return_state=True)

    def call(self, tokens):
        outputs, state = self.gru(self.embedding(tokens))
        return outputs, state  # (N, S, U), (N, U)


class BahdanauAttention(keras.layers.Layer):
    """score = V·tanh(W1·query + W2·values) — 더하기(additive) 어텐션."""

    def __init__(self, units):
        super().__init__()
        # bias는 W2 하나에만 둡니다 (본문 참고)
        self.W1 = keras.layers.Dense(units, use_bias=False)  # 디코더 상태(query)용
        self.W2 = keras.layers.Dense(units)  # 인코더 출력(values)용
        self.V = keras.layers.Dense(1, use_bias=False)

    def call(self, query, values, mask):
        # query (N, U) → (N, 1, U): 모든 인코더 시점에 한꺼번에 더합니다
        # (시점 반복문 없음)
        hidden = tf.tanh(self.W1(query)[:, None, :] + self.W2(values))  # (N, S, U)
        score = self.V(hidden)[..., 0]  # (N, S)
        score = tf.where(mask, score, -1e9)  # 패딩 위치는 가중치가 0이 되게
        weights = tf.nn.softmax(score, axis=-1)  # (N, S)
        context = tf.einsum("ns,nsu->nu", weights, values)  # 가중 평균 (N, U)
        return context, weights


class Decoder(keras.Model):
    def __init__(self, vocab_size, embed_dim, units):
        super().__init__()
        self.embedding = keras.layers.Embedding(vocab_size, embed_dim)
        self.attention = BahdanauAttention(units)
        self.cell = keras.layers.GRUCell(units)  # 한 시점씩 진행
        self.fc = keras.layers.Dense(vocab_size)

    def call(self, token, state, enc_outputs, mask):
        # Bahdanau: 이전 상태로 어텐션 → 문맥 벡터를 입력 임베딩과 이어 붙여
        # GRU에 넣습니다
        context, weights = self.attention(state, enc_outputs, mask)
        x = tf.concat([context, self.embedding(token)], axis=-1)
        state, _ = self.cell(x, state)
        return self.fc(state), state, weights


encoder = Encoder(len(SRC_VOCAB), EMBED_DIM, UNITS)
decoder = Decoder(len(TGT_VOCAB), EMBED_DIM, UNITS)

# 한 번 호출해 모양을 확인합니다 (Keras는 이때 가중치를 만듭니다)
enc_outputs, state = encoder(src)
print("인코더 출력:", tuple(enc_outputs.shape), "/ 마지막 상태:", tuple(state.shape))
logits, _, weights = decoder(decoder_in[:, 0], state, enc_outputs, src != PAD_ID)
print("한 시점 로짓:", tuple(logits.shape), "/ 어텐션 가중치:", tuple(weights.shape))
n_params = sum(int(tf.size(w)) for w in encoder.weights + decoder.weights)
print("파라미터 수:", n_params)
# --8<-- [end:model]

# --8<-- [start:step]
from data import BETA_1, BETA_2, KERAS_EPSILON, LEARNING_RATE

# 패딩 자리(정답 번호 0)는 평균에서 뺍니다 (13편과 같습니다)
loss_fn = keras.losses.SparseCategoricalCrossentropy(
    from_logits=True, ignore_class=PAD_ID
)
optimizer = keras.optimizers.Adam(
    learning_rate=LEARNING_RATE, beta_1=BETA_1, beta_2=BETA_2, epsilon=KERAS_EPSILON
)


def teacher_forcing(src, decoder_in):
    """정답 단어를 다음 입력으로 넣으며 모든 시점의 로짓 (N, T, V)을 구합니다."""
    enc_outputs, state = encoder(src)
    mask = src != PAD_ID
    steps = tf.shape(decoder_in)[1]
    logits = tf.TensorArray(FLOAT, size=steps)
    for t in tf.range(steps):  # tf.function 안에서 tf.while_loop로 바뀝니다
        step_logits, state, _ = decoder(decoder_in[:, t], state, enc_outputs, mask)
        logits = logits.write(t, step_logits)
    return tf.transpose(logits.stack(), [1, 0, 2])  # (T, N, V) → (N, T, V)


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
    enc_outputs, state = encoder(src)
    mask = src != PAD_ID
    token = tf.fill([src.shape[0]], BOS_ID)
    tokens, attention = [], []
    for _ in range(max_len):
        logits, state, weights = decoder(token, state, enc_outputs, mask)
        token = tf.argmax(logits, axis=-1, output_type=tf.int32)
        tokens.append(token)
        attention.append(weights)
    # (N, T) 단어 번호와 (N, T, S) 어텐션 가중치
    return tf.stack(tokens, axis=1).numpy(), tf.stack(attention, axis=1).numpy()


# --8<-- [end:decode]

# --8<-- [start:translate]
from data import HEATMAP_SENTENCE, TGT_LEN, count_correct, plot_attention, to_words

test_src = tf.constant(make_arrays(TEST_PAIRS)[0], dtype=tf.int32)
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
    ax, attention[k], HEATMAP_SENTENCE, to_words(test_tokens[k]), "TensorFlow"
)
fig.colorbar(image, ax=ax, label="어텐션 가중치")
fig.tight_layout()
plt.show()
# --8<-- [end:translate]

# --8<-- [start:exercise-mask]
# 연습 문제 1: 학습한 모델에서 어텐션 마스크를 빼고 번역하면?
everywhere = tf.ones_like(test_src, dtype=tf.bool)  # 패딩 자리도 볼 수 있게
enc_outputs, state = encoder(test_src)
token = tf.fill([test_src.shape[0]], BOS_ID)
unmasked, on_padding = [], []
for _ in range(TGT_LEN):
    logits, state, weights = decoder(token, state, enc_outputs, everywhere)
    token = tf.argmax(logits, axis=-1, output_type=tf.int32)
    unmasked.append(token)
    # 패딩 자리에 준 가중치의 합
    pad_weight = tf.reduce_sum(tf.where(test_src == PAD_ID, weights, 0.0), axis=1)
    on_padding.append(pad_weight)
unmasked = tf.stack(unmasked, axis=1).numpy()
share = float(tf.reduce_mean(tf.stack(on_padding)))
print(f"마스크 없이: 처음 보는 문장 정답 {count_correct(unmasked, TEST_PAIRS)}/300")
print(f"패딩 자리에 간 어텐션 가중치: 평균 {share:.1%}")
# --8<-- [end:exercise-mask]


# --8<-- [start:exercise-sampling]
# 연습 문제 2: 가장 높은 점수 대신 온도(temperature)를 둔 확률로 뽑으면?
def sample(src, max_len, temperature):
    enc_outputs, state = encoder(src)
    mask = src != PAD_ID
    token = tf.fill([src.shape[0]], BOS_ID)
    tokens = []
    for _ in range(max_len):
        logits, state, _ = decoder(token, state, enc_outputs, mask)
        # 로짓을 온도로 나눠 범주 분포에서 하나씩 뽑습니다 (N, 1) → (N,)
        token = tf.random.categorical(logits / temperature, 1, dtype=tf.int32)[:, 0]
        tokens.append(token)
    return tf.stack(tokens, axis=1).numpy()


for temperature in (0.5, 1.0, 2.0):
    sampled = sample(test_src, TGT_LEN, temperature)
    n_right = count_correct(sampled, TEST_PAIRS)
    print(f"온도 {temperature}: 처음 보는 문장 정답 {n_right}/{len(TEST_PAIRS)}")
    print("  예:", to_words(sampled[200]))
# --8<-- [end:exercise-sampling]
