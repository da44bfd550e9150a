# Many-to-many와 양방향 RNN: 품사 태깅 — TensorFlow 2 / Keras 3
# 실행: python tensorflow_code.py   (섹션 이름은 pytorch_code.py와 같습니다)

# --8<-- [start:data]
import keras
import numpy as np
import tensorflow as tf
from keras import layers

from data import MAX_LEN, PAD_ID, TAGS, TRAIN_SENTENCES, TRAIN_TAGS, TRAIN_WORDS, WORDS

keras.utils.set_random_seed(0)

words = tf.constant(TRAIN_WORDS)  # (문장 수, MAX_LEN) int64
tags = tf.constant(TRAIN_TAGS)
lengths = tf.reduce_sum(tf.cast(words != PAD_ID, tf.int64), axis=1)
print("단어:", tuple(words.shape), words.dtype.name, "/ 태그:", tuple(tags.shape))
print("어휘:", len(WORDS), "단어 / 태그:", len(TAGS), "종류 (0번은 패딩)")
print("첫 문장:", TRAIN_SENTENCES[0][0], "→", words[0].numpy().tolist())
print("문장 길이:", lengths.numpy().tolist(), "/ 패딩 뒤 길이:", MAX_LEN)
# --8<-- [end:data]


# --8<-- [start:model]
from data import EMBED_DIM, HIDDEN, N_TAGS


def build_tagger():
    return keras.Sequential(
        [
            keras.Input(shape=(None,), dtype="int64"),
            # mask_zero=True: 0번(패딩)을 가리는 마스크를 만들어 뒤 층에 넘깁니다
            layers.Embedding(len(WORDS), EMBED_DIM, mask_zero=True),
            # 정방향·역방향 SimpleRNN 둘. 출력은 둘을 이어 붙인 2H (merge_mode="concat")
            layers.Bidirectional(layers.SimpleRNN(HIDDEN, return_sequences=True)),
            # 시점마다 같은 Dense를 씁니다
            layers.TimeDistributed(layers.Dense(N_TAGS)),
        ]
    )


model = build_tagger()
embedding, birnn, head = model.layers
embedded = embedding(words)  # (B, L, E), 마스크가 따라붙습니다
mask = embedding.compute_mask(words)  # (B, L) bool, 패딩이면 False
print("양방향 RNN 출력:", tuple(birnn(embedded).shape), "= (B, L, 2H)")
print("로짓:", tuple(model(words).shape))
for name, rnn in (("정방향", birnn.forward_layer), ("역방향", birnn.backward_layer)):
    cell = rnn.cell
    shapes = [tuple(w.shape) for w in (cell.kernel, cell.recurrent_kernel, cell.bias)]
    print(
        f"{name}: kernel {shapes[0]}, recurrent {shapes[1]}, bias {shapes[2]}", end=""
    )
    print(f", go_backwards={rnn.go_backwards}")
print("파라미터 수:", model.count_params())
# --8<-- [end:model]


# --8<-- [start:merge]
def twin(merge_mode="concat", return_state=False):
    """모델의 양방향 층과 가중치가 같고 설정만 다른 Bidirectional 층."""
    rnn = layers.SimpleRNN(HIDDEN, return_sequences=True, return_state=return_state)
    layer = layers.Bidirectional(rnn, merge_mode=merge_mode)
    layer.build(embedded.shape)
    layer.set_weights(birnn.get_weights())
    return layer


for mode in ("concat", "sum", "ave", "mul", None):
    merged = twin(mode)(embedded, mask=mask)
    if mode is None:  # 합치지 않고 [정방향, 역방향] 두 텐서를 돌려줍니다
        print("merge_mode=None    :", [tuple(m.shape) for m in merged])
    else:
        print(f"merge_mode={mode!r:9}:", tuple(merged.shape))

full = birnn(embedded)  # 기본값 "concat": [정방향 H | 역방향 H]
forward_half, backward_half = full[..., :HIDDEN], full[..., HIDDEN:]
summed = twin("sum")(embedded, mask=mask)
print(
    "concat의 두 절반을 더하면 sum:", np.allclose(forward_half + backward_half, summed)
)
# --8<-- [end:merge]

# --8<-- [start:states]
# return_state=True: [출력 시퀀스, 정방향 마지막 상태, 역방향 마지막 상태]
sequence, h_forward, h_backward = twin(return_state=True)(embedded, mask=mask)
print("출력:", tuple(sequence.shape), "/ h_forward:", tuple(h_forward.shape), end="")
print(" / h_backward:", tuple(h_backward.shape))

rows = np.arange(len(TRAIN_WORDS))
last = lengths.numpy() - 1  # 문장마다 마지막 실제 단어의 위치
seq = sequence.numpy()
print(
    "h_forward = 마지막 단어의 앞 절반:",
    np.array_equal(h_forward, seq[rows, last, :HIDDEN]),
)
print("h_backward = 첫 단어의 뒤 절반:", np.array_equal(h_backward, seq[:, 0, HIDDEN:]))
print(
    "h_forward = 마지막 칸의 앞 절반?", np.array_equal(h_forward, seq[:, -1, :HIDDEN])
)
# 문장 하나를 요약하는 벡터 (many-to-one 분류에 씁니다)
sentence_vector = tf.concat([h_forward, h_backward], axis=-1)
print("문장 벡터:", tuple(sentence_vector.shape))
# --8<-- [end:states]

# --8<-- [start:loss]
loss_fn = keras.losses.SparseCategoricalCrossentropy(from_logits=True)
logits = model(words)  # 마스크가 로짓까지 따라옵니다
n_real = int(tf.reduce_sum(lengths))
print("실제 단어:", n_real, "/ 패딩:", words.shape[0] * MAX_LEN - n_real)

masked = float(loss_fn(tags, logits))  # 마스크가 있으면 실제 단어만 평균
every = float(loss_fn(tags, logits.numpy()))  # NumPy 배열에는 마스크가 없습니다
ignore = keras.losses.SparseCategoricalCrossentropy(
    from_logits=True, ignore_class=PAD_ID
)
ignored = float(ignore(tags, logits.numpy()))  # 태그 0을 직접 빼는 방법
print(f"마스크 있음: {masked:.4f} / 마스크 없음: {every:.4f}")
print(f"ignore_class={PAD_ID}: {ignored:.4f}")
# --8<-- [end:loss]

# --8<-- [start:step]
from data import BETA_2, KERAS_EPSILON, LEARNING_RATE

optimizer = keras.optimizers.Adam(
    learning_rate=LEARNING_RATE, beta_2=BETA_2, epsilon=KERAS_EPSILON
)
# 옵티마이저 변수를 미리 만들어 두면 tf.function이 한 번만 추적합니다
optimizer.build(model.trainable_variables)
print("Keras Adam ε:", optimizer.epsilon, "(모든 단계에서 같은 값)")


@tf.function
def train_step(words, tags):
    with tf.GradientTape() as tape:
        logits = model(words, training=True)
        loss = loss_fn(tags, logits)  # 마스크가 로짓을 따라 손실까지 옵니다
    grads = tape.gradient(loss, model.trainable_variables)
    # 임베딩의 기울기는 IndexedSlices입니다. 밀집 텐서로 바꿔야
    # Adam이 PyTorch처럼 모든 행을 갱신합니다
    grads = [tf.convert_to_tensor(g) for g in grads]
    optimizer.apply_gradients(zip(grads, model.trainable_variables))
    return loss


# --8<-- [end:step]

# --8<-- [start:train]
from data import EPOCHS, batches

losses = []  # 갱신마다의 손실
for epoch in range(EPOCHS):
    for index in batches(epoch):  # data.py가 정한 순서 그대로
        loss = train_step(tf.gather(words, index), tf.gather(tags, index))
        losses.append(float(loss))
    if epoch + 1 in (1, 10, 20, EPOCHS):
        recent = np.mean(losses[-len(batches(epoch)) :])
        print(f"epoch {epoch + 1:2d}  평균 손실 {recent:.4f}")
print("갱신 횟수:", len(losses))
# --8<-- [end:train]

# --8<-- [start:predict]
import matplotlib.pyplot as plt

from data import TEST_SENTENCES, TEST_WORDS, plot_tag_probabilities


def predict_tags(word_ids):
    logits = model(tf.constant(word_ids))
    return tf.argmax(logits, axis=-1).numpy(), tf.nn.softmax(logits).numpy()


train_pred, _ = predict_tags(TRAIN_WORDS)
real = TRAIN_WORDS != PAD_ID
print("학습 문장 정확도:", f"{(train_pred == TRAIN_TAGS)[real].mean():.4f}")

test_pred, test_prob = predict_tags(TEST_WORDS)
for (sentence, answer), row in zip(TEST_SENTENCES, test_pred):
    guess = " ".join(TAGS[t] for t in row[: len(sentence.split())])
    print(f"{sentence:24s} → {guess}  {'맞음' if guess == answer else '틀림'}")

plot_tag_probabilities(test_prob, "Keras")
plt.show()
# --8<-- [end:predict]

# --8<-- [start:exercise-forward]
# 연습 문제 1: 정방향 RNN 하나로 같은 학습을 하면 첫 단어 'that'을 구별할까?
keras.utils.set_random_seed(0)
forward_only = keras.Sequential(
    [
        keras.Input(shape=(None,), dtype="int64"),
        layers.Embedding(len(WORDS), EMBED_DIM, mask_zero=True),
        layers.SimpleRNN(2 * HIDDEN, return_sequences=True),  # 출력 크기를 2H로 맞춤
        layers.TimeDistributed(layers.Dense(N_TAGS)),
    ]
)
forward_optimizer = keras.optimizers.Adam(learning_rate=LEARNING_RATE)
forward_optimizer.build(forward_only.trainable_variables)


@tf.function
def forward_step(words, tags):
    with tf.GradientTape() as tape:
        loss = loss_fn(tags, forward_only(words, training=True))
    grads = tape.gradient(loss, forward_only.trainable_variables)
    grads = [tf.convert_to_tensor(g) for g in grads]
    forward_optimizer.apply_gradients(zip(grads, forward_only.trainable_variables))
    return loss


for epoch in range(EPOCHS):
    for index in batches(epoch):
        forward_step(tf.gather(words, index), tf.gather(tags, index))

for name, tagger in (("양방향", model), ("정방향만", forward_only)):
    probs = tf.nn.softmax(tagger(words)).numpy()
    first = [TAGS[t] for t in probs[:, 0].argmax(-1)]  # 첫 단어의 예측
    starts = [i for i, (s, _) in enumerate(TRAIN_SENTENCES) if s.startswith("that ")]
    truth = [TAGS[TRAIN_TAGS[i, 0]] for i in starts]
    print(f"{name}: 'that'의 정답 {truth} / 예측 {[first[i] for i in starts]}")
# --8<-- [end:exercise-forward]

# --8<-- [start:exercise-pack]
# 연습 문제 2: 마스크를 빼면 두 방향 중 어느 쪽이 달라질까?
vectors = embedding(words)  # 학습을 마친 임베딩
with_mask = birnn(vectors)  # 마스크가 따라붙은 입력
without_mask = twin()(vectors.numpy())  # NumPy 배열에는 마스크가 없습니다
gap = np.abs(without_mask.numpy() - with_mask.numpy())[real]  # 실제 단어 위치만
print(f"정방향 절반의 최대 차이: {gap[:, :HIDDEN].max():.4f}")
print(f"역방향 절반의 최대 차이: {gap[:, HIDDEN:].max():.4f}")
# --8<-- [end:exercise-pack]

# --8<-- [start:exercise-layers]
# 연습 문제 3: 양방향 층 두 개를 쌓으면 마지막 상태는 어디에 있을까?
first_layer = layers.Bidirectional(layers.SimpleRNN(HIDDEN, return_sequences=True))
second_layer = layers.Bidirectional(
    layers.SimpleRNN(HIDDEN, return_sequences=True, return_state=True)
)
top, top_forward, top_backward = second_layer(first_layer(embedded))  # 마스크 전달
print("둘째 층 출력:", tuple(top.shape), "/ 상태:", tuple(top_forward.shape), "× 2")
top = top.numpy()
print("정방향 = 마지막 단어:", np.array_equal(top_forward, top[rows, last, :HIDDEN]))
print("역방향 = 첫 단어:", np.array_equal(top_backward, top[:, 0, HIDDEN:]))
# --8<-- [end:exercise-layers]
