# Seq2Seq + Bahdanau 어텐션 — TensorFlow 2 / Keras 3
# 실행: python tensorflow_code.py   (섹션 이름은 pytorch_code.py와 같습니다)

# --8<-- [start:data]
import keras
import tensorflow as tf

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

keras.utils.set_random_seed(42)  # Python·NumPy·TensorFlow 난수를 한 번에 고정

src, decoder_in, decoder_out = (
    tf.constant(a, dtype=tf.int32) for a in make_arrays(TRAIN_PAIRS)
)
print("학습 문장:", len(TRAIN_PAIRS), "/ 평가용으로 남겨 둔 문장:", len(TEST_PAIRS))
print("인코더 입력:", src.shape, src.dtype.name)
print("디코더 입력:", decoder_in.shape, "/ 정답:", decoder_out.shape)
print("첫 문장 번호:", src[0].numpy().tolist())
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


class BahdanauAttention(keras.layers.Layer):
    """score = V·tanh(W1·query + W2·values) — 더하기(additive) 어텐션."""

    def __init__(self, units):
        super().__init__()
        self.W1 = keras.layers.Dense(units)  # 디코더 상태(query)용
        self.W2 = keras.layers.Dense(units)  # 인코더 출력(values)용
        self.V = keras.layers.Dense(1)

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
outputs, state = encoder.gru(encoder.embedding(src))
print("GRU 출력:", tuple(outputs.shape), "/ 마지막 상태:", tuple(state.shape))
logits, _, weights = decoder(decoder_in[:, 0], state, outputs, src != PAD_ID)
print("한 시점 로짓:", tuple(logits.shape), "/ 어텐션 가중치:", tuple(weights.shape))
print("파라미터 수:", sum(int(tf.size(w)) for w in encoder.weights + decoder.weights))
# --8<-- [end:model]

# --8<-- [start:step]
loss_fn = keras.losses.SparseCategoricalCrossentropy(
    from_logits=True, ignore_class=PAD_ID
)
optimizer = keras.optimizers.Adam(learning_rate=LEARNING_RATE)


def teacher_forcing(src, decoder_in):
    """정답 단어를 다음 입력으로 넣으며 모든 시점의 로짓 (N, T, V)을 구합니다."""
    enc_outputs, state = encoder(src)
    mask = src != PAD_ID
    steps = tf.shape(decoder_in)[1]
    logits = tf.TensorArray(tf.float32, size=steps)
    for t in tf.range(steps):  # tf.function 안에서 tf.while_loop로 바뀝니다
        step_logits, state, _ = decoder(decoder_in[:, t], state, enc_outputs, mask)
        logits = logits.write(t, step_logits)
    return tf.transpose(logits.stack(), [1, 0, 2])


@tf.function  # 한 번 추적(trace)해 그래프로 만든 뒤 반복 실행
def train_step(src, decoder_in, decoder_out):
    with tf.GradientTape() as tape:
        loss = loss_fn(decoder_out, teacher_forcing(src, decoder_in))
    variables = encoder.trainable_variables + decoder.trainable_variables
    # Embedding의 기울기는 희소(IndexedSlices)로 나옵니다. 밀집 텐서로 바꿔야
    # 같은 단어가 여러 번 나올 때 Adam이 PyTorch와 같은 값을 씁니다 (본문의 '함정')
    grads = [tf.convert_to_tensor(g) for g in tape.gradient(loss, variables)]
    optimizer.apply_gradients(zip(grads, variables))
    return loss


# --8<-- [end:step]

# --8<-- [start:train]
for step in range(1, STEPS + 1):
    loss = train_step(src, decoder_in, decoder_out)
    if step == 1 or step % 30 == 0:
        print(f"step {step:3d}  loss {float(loss):.4f}")
# --8<-- [end:train]

# --8<-- [start:decode]
from data import BOS_ID


def translate(src, max_len):
    """탐욕적(greedy) 디코딩: 매 시점 가장 점수가 높은 단어를 다음 입력으로."""
    enc_outputs, state = encoder(src)
    mask = src != PAD_ID
    token = tf.fill([src.shape[0]], BOS_ID)
    tokens, attention = [], []
    for _ in range(max_len):
        logits, state, weights = decoder(token, state, enc_outputs, mask)
        token = tf.argmax(logits, axis=-1, output_type=tf.int32)
        tokens.append(token)
        attention.append(weights)
    return tf.stack(tokens, axis=1).numpy(), tf.stack(attention, axis=1).numpy()


# --8<-- [end:decode]

# --8<-- [start:translate]
import matplotlib.pyplot as plt

from data import HEATMAP_SENTENCE, TGT_LEN, count_correct, plot_attention, to_words

test_src = tf.constant(make_arrays(TEST_PAIRS)[0], dtype=tf.int32)
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
plot_attention(
    ax, attention[k], HEATMAP_SENTENCE, to_words(test_tokens[k]), "TensorFlow"
)
fig.tight_layout()
plt.show()
# --8<-- [end:translate]
